import pytest

from resources_db.phones import InvalidPhoneError, parse_phone, phone_uri


@pytest.mark.parametrize(
    ("number", "phone_type", "dial_string"),
    [
        ("1 800 463-9009", "voice", "+18004639009"),
        ("833 900-1010", "voice", "+18339001010"),
        ("514 600-1002", "text", "+15146001002"),
        ("911", "voice", "911"),
        ("811", "voice", "811"),
        ("211", "voice", "211"),
        ("988", "text", "988"),
        ("686868", "text", "686868"),
        ("535353", "text", "535353"),
    ],
)
def test_valid_numbers(number, phone_type, dial_string):
    assert parse_phone(number, phone_type).dial_string == dial_string


@pytest.mark.parametrize(
    ("number", "phone_type"),
    [
        ("123", "voice"),
        ("686868", "voice"),  # text short code given as a voice line
        ("555 123-4567", "voice"),  # 555 is not an assigned area code
        ("1 866 APPELLE", "voice"),  # vanity letters are rejected
        ("", "voice"),
    ],
)
def test_invalid_numbers(number, phone_type):
    with pytest.raises(InvalidPhoneError):
        parse_phone(number, phone_type)


def test_uris():
    assert phone_uri("+18004639009", "voice") == "tel:+18004639009"
    assert phone_uri("911", "voice") == "tel:911"
    assert phone_uri("686868", "text") == "sms:686868"
