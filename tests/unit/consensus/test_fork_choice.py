"""Fork choice: longest chain containing the finalised block, first seen on ties, reorg routes."""

from __future__ import annotations

import random

import pytest

from consensus.fork_choice import (
    ForkChoice,
    UnknownBlock,
    ancestor_at,
    is_descendant_or_self,
    is_new_best,
    tree_route,
)

G = b"G" * 32


def h(name: str) -> bytes:
    """A 32-byte hash for a readable block name."""
    return name.encode().ljust(32, b".")


def _tree() -> dict[bytes, tuple[bytes, int]]:
    #   G - a1 - a2 - a3
    #        \
    #         b2 - b3 - b4
    return {G: (b"\x00" * 32, 0), h("a1"): (G, 1), h("a2"): (h("a1"), 2), h("a3"): (h("a2"), 3),
            h("b2"): (h("a1"), 2), h("b3"): (h("b2"), 3), h("b4"): (h("b3"), 4)}


def test_tree_route_across_forks_lists_retracted_and_enacted() -> None:
    route = tree_route(_tree(), h("a3"), h("b4"))
    assert route.retracted == (h("a3"), h("a2"))
    assert route.common == h("a1")
    assert route.enacted == (h("b2"), h("b3"), h("b4"))
    assert route.is_reorg


def test_tree_route_extension_has_no_retracted() -> None:
    route = tree_route(_tree(), h("a1"), h("a3"))
    assert (route.retracted, route.common, route.enacted) == ((), h("a1"), (h("a2"), h("a3")))
    assert not route.is_reorg
    back = tree_route(_tree(), h("a3"), h("a1"))
    assert back.retracted == (h("a3"), h("a2")) and back.enacted == ()


def test_tree_route_unknown_block_fails() -> None:
    with pytest.raises(UnknownBlock):
        tree_route(_tree(), h("a3"), h("zz"))


def test_is_new_best_higher_fork_wins_equal_height_loses() -> None:
    tree = _tree()
    assert is_new_best(tree, h("b4"), h("a3"), G)
    assert not is_new_best(tree, h("b3"), h("a3"), G)  # tie: first seen (a3) stays
    assert not is_new_best(tree, h("a2"), h("a3"), G)


def test_is_new_best_fork_without_finalized_loses() -> None:
    tree = _tree()
    assert not is_new_best(tree, h("b4"), h("a3"), h("a2"))
    assert is_new_best(tree, h("a3"), h("b4"), h("a2"))  # best off the finalised chain


def test_ancestry_helpers() -> None:
    tree = _tree()
    assert ancestor_at(tree, h("b4"), 1) == h("a1")
    assert ancestor_at(tree, h("b4"), 5) is None
    assert is_descendant_or_self(tree, h("b4"), h("b2"))
    assert not is_descendant_or_self(tree, h("b4"), h("a2"))


def test_fork_choice_reorg_to_longer_fork() -> None:
    choice = ForkChoice(G)
    outcomes = [choice.import_block(h(n), h(p) if p != "G" else G, k)
                for n, p, k in (("a1", "G", 1), ("a2", "a1", 2), ("a3", "a2", 3),
                                ("b2", "a1", 2), ("b3", "b2", 3))]
    assert [o.is_new_best for o in outcomes] == [True, True, True, False, False]
    assert choice.best == h("a3")
    outcome = choice.import_block(h("b4"), h("b3"), 4)
    assert outcome.is_new_best and outcome.route is not None
    assert outcome.route.retracted == (h("a3"), h("a2"))
    assert outcome.route.enacted == (h("b2"), h("b3"), h("b4"))
    assert not choice.import_block(h("b4"), h("b3"), 4).is_new_best


def test_fork_choice_finalizing_other_fork_moves_best() -> None:
    choice = ForkChoice(G)
    for name, parent, number in (("a1", G, 1), ("a2", h("a1"), 2), ("a3", h("a2"), 3),
                                 ("b2", h("a1"), 2)):
        choice.import_block(h(name), parent, number)
    route = choice.finalize(h("b2"))
    assert choice.best == h("b2") and choice.finalized == h("b2")
    assert route is not None and route.retracted == (h("a3"), h("a2"))
    assert not choice.import_block(h("a4"), h("a3"), 4).is_new_best  # dead fork
    assert choice.import_block(h("b3"), h("b2"), 3).is_new_best


def test_fork_choice_finalize_non_descendant_fails() -> None:
    choice = ForkChoice(G)
    choice.import_block(h("a1"), G, 1)
    choice.import_block(h("b1"), G, 1)
    choice.finalize(h("a1"))
    with pytest.raises(ValueError):
        choice.finalize(h("b1"))


def test_fork_choice_bad_number_fails() -> None:
    choice = ForkChoice(G)
    with pytest.raises(ValueError):
        choice.import_block(h("a1"), G, 2)
    with pytest.raises(UnknownBlock):
        choice.import_block(h("a1"), h("nope"), 1)


def test_fork_choice_random_trees_match_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(20):
        choice = ForkChoice(G)
        order = [G]
        for index in range(40):
            parent = rng.choice(order)
            name = h(f"n{index}")
            choice.import_block(name, parent, choice.number_of(parent) + 1)
            order.append(name)
            if rng.random() < 0.1:
                candidates = [b for b in order
                              if is_descendant_or_self(choice.tree, b, choice.finalized)]
                choice.finalize(rng.choice(candidates))
            valid = [b for b in order if is_descendant_or_self(choice.tree, b, choice.finalized)]
            top = max(choice.number_of(b) for b in valid)
            assert choice.best == next(b for b in valid if choice.number_of(b) == top)
            assert is_descendant_or_self(choice.tree, choice.best, choice.finalized)
