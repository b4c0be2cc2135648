"""Who the calculators' sentences are about: the reader ("you") or someone they plan for
("they"). Both take the same verb forms ("you pay", "they pay"), so a sentence needs only the
pronouns changed."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    you: str
    them: str
    your: str
    yourself: str

    @property
    def You(self) -> str:
        return self.you.capitalize()

    @property
    def Your(self) -> str:
        return self.your.capitalize()


YOU = Person("you", "you", "your", "yourself")
THEY = Person("they", "them", "their", "themselves")
