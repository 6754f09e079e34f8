"""Relation frames: how the arguments of a trigger word are found in its sentence.

A frame is a pure function ``frame(s, tok, trig) -> [(first, second), …]`` over one
:class:`~kg.sentence.Sentence`: it reads the sentence (and the facts computed for it before any
frame runs, such as the company raising money), never writes shared state, and returns pairs of
mentions. Which relation a pair states, in which direction and with what confidence comes from
the trigger in the language pack (``lexicon.json``), not from the frame. Frames are registered
by name with :func:`frame`; a pack's trigger names the frame it uses. A frame may also read
the matches of its dependency patterns (``pack.json``, run by :mod:`kg.patterns`) through
``s.matches(tok, name)``.

``invest``        X finance / investit dans / verse … dans Y; passive: Y financé par X
``raise``         Y lève / raises … (auprès de / from X)
``round``         a funding round of its owner: those who lead it, join it or invest in it fund the owner
``funding_noun``  "soutien de X", "investment from X (in Y)", "Y a reçu un financement de X"
``investor_noun`` "X, actionnaire de Y", "investor X", "les soutiens de Y comme X"
``stake_noun``    "X prend une participation de 20 % dans Y", "Y a vendu une part à X"
``percent_held``  "X détient 20 % de Y", "X bought 18.8% of Y" (never 100 %)
``part_owned``    "Y, which is half owned by X", "Y is 50% owned by X" (never a bare "owned by")
``partner_noun``  "X a signé un accord avec Y", "le partenariat entre X et Y", "l'alliance X-Y"
``partner_verb``  "X s'allie avec Y", "X et Y collaborent"
``partner_role``  "X, partenaire de Y"; ``sponsor_role`` "X, sponsor de Y" (never sponsors together)
``made_with``     "X developed the model with Y", "un moteur développé avec Y"
``supply_verb``   "X fournira Y en …" (weaker: a supply deal); ``supplier_role`` "X, fournisseur de Y"
``joint_adj``     "l'offre commune de X et de Y"; ``joint_adverb`` "X et Y ont développé conjointement"
``joint_creation`` "le consortium créé par X et Y", "a venture set up by X and Y" (organisations only)
``compete_verb``  "X concurrence Y", "X rivalise avec Y", passive "Y concurrencé par X"
``rival_noun``    "X et ses rivaux Y, Z", "Y, concurrent de X", "le service concurrent Y"
``race_noun``     "la course entre X et Y", "X est engagé dans une course avec Y"
``contest_verb``  "X et Y se disputent le marché", "X and Y are both bidding for"
``competition_from`` "X faces competition from Y", "X subit la concurrence de Y"
``oppose_verb``   "la bataille qui oppose X à Y", "the war pits X against Y" (a contest noun as subject)
``against_verb``  "A, B et C s'unissent contre D et E": each of one side against each of the other
``attack_noun``   "the group's counter-attack against X", "tenir tête à X"
``rank_prep``     "X est loin derrière Y", "X is far behind Y"
"""
from __future__ import annotations

from typing import Callable

__all__ = ["FRAMES", "frame", "pairs", "both_ways"]

#: Frame name → function; filled by :func:`frame` when the modules below are imported.
FRAMES: dict[str, Callable] = {}


def frame(name: str):
    """Register the decorated function as the frame ``name``."""
    def register(fn):
        if name in FRAMES:
            raise ValueError(f"frame {name!r} is registered twice")
        FRAMES[name] = fn
        return fn
    return register


def pairs(a, b):
    """Every (x, y) of ``a`` × ``b`` naming two different entities."""
    return [(x, y) for x in a for y in b if x is not y and x.name != y.name]


def both_ways(a):
    """Every pair among the members of ``a`` ("X et Y collaborent")."""
    return pairs(a, a)


from . import funding, partnership, rivalry  # noqa: E402,F401  (registers the frames)
