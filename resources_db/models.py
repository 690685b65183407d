"""SQLAlchemy models following the core of Open Referral HSDS 3.0.

Each seed entry becomes one organization with one service that share the seed id as
external_id. Region codes are the 17 Québec administrative regions ("01".."17"), plus
"QC" for a province-wide service area; Nord-du-Québec parts are region "10" with an area.
"""

from datetime import date

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

PROVINCE_WIDE = "QC"


class Base(DeclarativeBase):
    pass


class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(200))

    services: Mapped[list["Service"]] = relationship(back_populates="organization")
    locations: Mapped[list["Location"]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )


class Service(Base):
    __tablename__ = "service"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(120), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="active")

    # Attribute-style fields: ISO 639-1 codes, whether callers may stay anonymous (None when
    # the sources give no answer), and the compiler's confidence in the entry (high|medium|low).
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    anonymous: Mapped[bool | None] = mapped_column(Boolean)
    confidence: Mapped[str] = mapped_column(String(10))
    conflicts: Mapped[str | None] = mapped_column(Text)

    # Provenance: the date a person last checked the entry against its sources.
    last_verified: Mapped[date] = mapped_column(Date)

    # Name, description, city and taxonomy labels joined for full-text search.
    search_text: Mapped[str] = mapped_column(Text, default="")

    organization: Mapped[Organization] = relationship(back_populates="services")
    phones: Mapped[list["Phone"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Phone.position"
    )
    schedules: Mapped[list["Schedule"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Schedule.id"
    )
    service_areas: Mapped[list["ServiceArea"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceArea.position"
    )
    taxonomy_links: Mapped[list["ServiceTaxonomy"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="ServiceTaxonomy.position"
    )
    sources: Mapped[list["Source"]] = relationship(
        back_populates="service", cascade="all, delete-orphan", order_by="Source.position"
    )

    def terms(self, vocabulary: str) -> list[str]:
        """Return the codes of this service's taxonomy terms in one vocabulary, in seed order."""
        return [
            link.term.code for link in self.taxonomy_links if link.term.vocabulary == vocabulary
        ]

    def service_schedule(self) -> "Schedule | None":
        """Return the service-wide schedule (the one not tied to a phone), if any."""
        return next((s for s in self.schedules if s.phone_id is None), None)


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    city: Mapped[str] = mapped_column(String(200))

    organization: Mapped[Organization] = relationship(back_populates="locations")


class Phone(Base):
    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    # number keeps the display form of the source ("1 800 463-9009"); dial_string is the
    # normalised form: E.164 for NANP numbers, the digits for short codes.
    number: Mapped[str] = mapped_column(String(40))
    dial_string: Mapped[str] = mapped_column(String(20), index=True)

    # HSDS phone types used here: "voice" or "text" (SMS).
    type: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(300))
    toll_free: Mapped[bool] = mapped_column(Boolean, default=False)

    service: Mapped[Service] = relationship(back_populates="phones")
    schedule: Mapped["Schedule | None"] = relationship(
        back_populates="phone", cascade="all, delete-orphan", uselist=False
    )


class Schedule(Base):
    """Opening hours of a service, or of one of its phones when phone_id is set."""

    __tablename__ = "schedule"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    phone_id: Mapped[int | None] = mapped_column(ForeignKey("phone.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(String(300))
    open_24_7: Mapped[bool] = mapped_column(Boolean, default=False)

    service: Mapped[Service] = relationship(back_populates="schedules")
    phone: Mapped[Phone | None] = relationship(back_populates="schedule")


class ServiceArea(Base):
    __tablename__ = "service_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    # "01".."17", or PROVINCE_WIDE; area narrows region "10" to "nunavik" or "eeyou".
    region_code: Mapped[str] = mapped_column(String(2), index=True)
    area: Mapped[str | None] = mapped_column(String(20))

    service: Mapped[Service] = relationship(back_populates="service_areas")


class TaxonomyTerm(Base):
    """A term of one vocabulary: audience, situation or service_type."""

    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("vocabulary", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vocabulary: Mapped[str] = mapped_column(String(30))
    code: Mapped[str] = mapped_column(String(60))


class ServiceTaxonomy(Base):
    __tablename__ = "service_taxonomy"

    service_id: Mapped[int] = mapped_column(
        ForeignKey("service.id", ondelete="CASCADE"), primary_key=True
    )
    taxonomy_term_id: Mapped[int] = mapped_column(
        ForeignKey("taxonomy_term.id"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    service: Mapped[Service] = relationship(back_populates="taxonomy_links")
    term: Mapped[TaxonomyTerm] = relationship(lazy="joined")


class Source(Base):
    """A web page that supports the service's facts, with the date the page displayed."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(1000))

    # As printed on the page: "2024", "2024-07", "2024-07-15" or a span such as "2021-2022".
    seen_text_date: Mapped[str | None] = mapped_column(String(20))

    service: Mapped[Service] = relationship(back_populates="sources")


class DpjRoute(Base):
    """Routing row naming the DPJ for a region, area and language; loaded from data/dpj_routing.csv."""

    __tablename__ = "dpj_route"

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    region_code: Mapped[str] = mapped_column(String(2), index=True)
    area: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(2))
    service_id: Mapped[int] = mapped_column(ForeignKey("service.id", ondelete="CASCADE"))
    certainty: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)

    service: Mapped[Service] = relationship()


class ResourceRevision(Base):
    """A counter that every import increments, so that processes holding cached service data
    can tell that the data changed (see candidates.py). The migration inserts its one row."""

    __tablename__ = "resource_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
