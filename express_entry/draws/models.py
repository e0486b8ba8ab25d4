"""SQLAlchemy models (SQLAlchemy 1.4, 2.0-style use): rounds and the pool distribution."""
from sqlalchemy import Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


def session(engine) -> Session:
    """A session on ``engine`` whose objects stay readable after the commit."""
    return Session(engine, future=True, expire_on_commit=False)


class Round(Base):
    """One round of invitations, as published in IRCC's feed."""

    __tablename__ = "ee_rounds"

    number = Column(String(16), primary_key=True)  # drawNumber: "437", "91a"
    sort_key = Column(Integer, nullable=False, index=True)  # orders rounds held the same day
    date = Column(Date, nullable=False, index=True)  # drawDate
    name = Column(Text, nullable=False)  # drawName, as published
    type_id = Column(String(64), nullable=False, index=True)  # stable type (classify.py)
    size = Column(Integer, nullable=False)  # drawSize: invitations issued
    crs = Column(Integer, nullable=False)  # drawCRS: score of the lowest-ranked candidate invited
    programs = Column(Text, nullable=False, default="")  # drawText2: programs the round was open to
    datetime_text = Column(Text, nullable=False, default="")  # drawDateTime, as published
    tie_break_text = Column(Text, nullable=False, default="")  # drawCutOff: tie-breaking rule, as published
    distribution_as_on = Column(Date, nullable=True, index=True)  # drawDistributionAsOn; None: no distribution

    bands = relationship(
        "PoolBand", back_populates="round", cascade="all, delete-orphan", order_by="PoolBand.key"
    )

    def counts(self):
        """{"dd1": n, ..., "dd18": n} or None when the round has no distribution."""
        if not self.bands:
            return None
        return {b.key: b.candidates for b in self.bands}


class PoolBand(Base):
    """How many candidates were in the pool in one CRS range (dd1..dd18), as on a date."""

    __tablename__ = "ee_pool_bands"

    round_number = Column(String(16), ForeignKey("ee_rounds.number", ondelete="CASCADE"), primary_key=True)
    key = Column(String(8), primary_key=True)  # dd1..dd18 (dd18 = total)
    low = Column(Integer, nullable=True)  # None for the total
    high = Column(Integer, nullable=True)
    candidates = Column(Integer, nullable=False)

    round = relationship("Round", back_populates="bands")
