"""Hostile and unusual /api/chat requests, shared by the in-process and the real-stack fuzz tests."""

import json
import uuid

# Messages that are valid JSON strings: each must get HTTP 200 and a reply in French.
ODD_MESSAGES = {
    "accents_and_cjk": "Ça va? 你好 Привет ça fait peur",
    "emoji_only": "😢😢😢🆘",
    "emoji_with_text": "aide moi stp 😭 il me fait peur 🙏",
    "right_to_left": "مرحبا أنا خائف من شخص",
    "hebrew_mixed": "שלום je suis inquiet pour ma fille",
    "rtl_override": "\u202eerucés sap sius en ej",
    "zero_width": "bon\u200bjour\u200d\ufeff",
    "combining_marks": "e\u0301le\u0300ve inquie\u0300te",
    "lone_surrogate": "allo \ud83d toi",
    "private_use": "\ue000\uf8ff allo",
    "html": "<b>bonjour</b> <img src=x onerror=alert(1)>",
    "script": "<script>alert('x')</script>",
    "markdown_link": "[clique ici](javascript:alert(1))",
    "sql": "'; DROP TABLE organization; --",
    "template": "{{7*7}} ${jndi:ldap://x} {message}",
    "newlines": "ligne 1\n\n\nligne 2\r\nligne 3",
    "only_spaces_and_tabs": " \t \t ",
    "exactly_limit": "a" * 1000,
    "one_over_limit": "é" * 1001,
    "long_word_under_body_limit": "x" * 9000,
    "null_character": "bon\x00jour",
}

# Request bodies the gateway must reject with a 4xx status (never 5xx) and a French detail.
BAD_BODIES = {
    "broken_json": b'{"message": "bonjour"',
    "not_json": b"message=bonjour",
    "json_array": b'["bonjour"]',
    "json_string": b'"bonjour"',
    "json_null": b"null",
    "empty_body": b"",
    "message_null": json.dumps({"message": None}).encode(),
    "message_number": json.dumps({"message": 12}).encode(),
    "message_list": json.dumps({"message": ["a", "b"]}).encode(),
    "message_object": json.dumps({"message": {"text": "a"}}).encode(),
    "message_missing": json.dumps({"session_id": str(uuid.uuid4())}).encode(),
    "session_not_uuid": json.dumps({"session_id": "abc", "message": "allo"}).encode(),
    "session_number": json.dumps({"session_id": 42, "message": "allo"}).encode(),
    "session_uuid1": json.dumps({"session_id": str(uuid.uuid1()), "message": "allo"}).encode(),
    "invalid_utf8": b'{"message": "\xff\xfe\xfd"}',
    "nan_literal": b'{"message": NaN}',
    "deep_nesting": b'{"message": ' + b"[" * 5000 + b"]" * 5000 + b"}",
}

BODY_OVER_LIMIT = json.dumps({"message": "a" * 100_000}).encode()
