"""The confusion matrix of the event alignment and the figures read from it: per code and
per actor (DESIGN §6; definitions in :mod:`observe.analysis.reliability`).

- **Matrix**: rows observer A, columns observer B, over the codes seen plus ``nil``.
- **Per code**: pairs in which either observer coded the code (its row plus its column
  minus the diagonal cell), agreements (the diagonal cell), and their ratio.
- **Per actor**: a code only ever pairs with a code of its own actor (the alignment runs
  per actor), so the matrix falls into one block per actor, each with its own ``nil`` row
  and column (:func:`actor_matrices`). An actor's figures are those of its block: pairs,
  agreements, percent agreement, and Cohen's kappa over the block — so each caregiver's
  coding, and the infant's, can be held to the standard on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from observe.analysis.reliability_codings import actor_keys, code_actors
from observe.analysis.reliability_results import (
    ActorAgreement,
    AlignedPair,
    CodeAgreement,
    ConfusionMatrix,
)
from observe.analysis.reliability_stats import cohen_kappa
from observe.scheme import Scheme

NIL = "nil"


def confusion_matrix(pairs: Sequence[AlignedPair], codes: Sequence[str]) -> ConfusionMatrix:
    labels = [*codes, NIL]
    where = {code: index for index, code in enumerate(codes)}
    nil = len(codes)
    counts = [[0] * len(labels) for _ in labels]
    for pair in pairs:
        row = nil if pair.code_a is None else where[pair.code_a]
        column = nil if pair.code_b is None else where[pair.code_b]
        counts[row][column] += 1
    return ConfusionMatrix(codes=tuple(labels), counts=tuple(tuple(row) for row in counts))


def actor_matrices(matrix: ConfusionMatrix, scheme: Scheme) -> list[tuple[str, ConfusionMatrix]]:
    """The matrix cut into one block per actor of ``scheme`` (observer A's), each with its
    own nil row and column, by actor key in the scheme's order: a code never pairs with
    another actor's, so every other cell of the whole matrix is zero. Blocks without codes
    are left out."""
    codes = matrix.codes[:-1]
    nil = len(codes)
    actor_of = code_actors(scheme)
    keys = actor_keys(scheme)
    blocks: list[tuple[str, ConfusionMatrix]] = []
    for actor in keys:
        kept = [k for k, code in enumerate(codes) if actor_of.get(code, keys[-1]) == actor]
        if not kept:
            continue
        indices = [*kept, nil]
        blocks.append(
            (
                actor,
                ConfusionMatrix(
                    codes=(*(codes[k] for k in kept), NIL),
                    counts=tuple(tuple(matrix.counts[r][c] for c in indices) for r in indices),
                ),
            )
        )
    return blocks


def per_code(matrix: ConfusionMatrix) -> dict[str, CodeAgreement]:
    counts = matrix.counts
    result: dict[str, CodeAgreement] = {}
    for k, code in enumerate(matrix.codes[:-1]):
        involving = sum(counts[k]) + sum(row[k] for row in counts) - counts[k][k]
        agreed = counts[k][k]
        result[code] = CodeAgreement(
            pairs=involving, agreements=agreed, agreement=agreed / involving if involving else None
        )
    return result


def per_actor(
    matrix: ConfusionMatrix, scheme: Scheme, keys: Sequence[str]
) -> dict[str, ActorAgreement]:
    """Each compared actor's figures (``keys``, in order): those of its block of the
    matrix; an actor neither observer coded anything of has no pairs (figures ``None``)."""
    blocks: Mapping[str, ConfusionMatrix] = dict(actor_matrices(matrix, scheme))
    result: dict[str, ActorAgreement] = {}
    for actor in keys:
        block = blocks.get(actor)
        counts = block.counts if block is not None else ((0,),)
        pairs = sum(map(sum, counts))
        agreed = sum(counts[k][k] for k in range(len(counts) - 1))
        result[actor] = ActorAgreement(
            pairs=pairs,
            agreements=agreed,
            percent_agreement=agreed / pairs if pairs else None,
            kappa=cohen_kappa(counts),
        )
    return result
