"""The known words a typed word may stand for (catalog.search.close_words): the rules of the module's docstring."""

import random

import pytest

from catalog.search import _index, close_words

pytestmark = pytest.mark.no_database  # run once, in the PostgreSQL suite (.ci/run)


def vocabulary(*words: str) -> dict[str, set[str]]:
    return {word: {word} for word in words}


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("vaze", "vase"),  # a letter changed
        ("vse", "vase"),  # a letter left out
        ("vasse", "vase"),  # a letter added
        ("vsae", "vase"),  # neighbours swapped: one edit
        ("base", "vase"),  # the first letter changed
        ("ase", "vase"),  # the first letter left out
        ("avase", "vase"),  # a letter added before the first
        ("avse", "vase"),  # the first two swapped
        ("lanterns", "lantern"),  # 7+ letters: one edit away
        ("lnatren", "lantern"),  # 7+ letters: two swaps
    ],
)
def test_a_word_within_reach_is_offered(typed, known):
    assert close_words(typed, vocabulary(known, "teapot")) == [known]


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("vazz", "vase"),  # two edits on a word of fewer than 7 letters
        ("lnatrne", "lantern"),  # three edits
        ("va", "vase"),  # under 3 letters nothing is guessed
    ],
)
def test_a_word_out_of_reach_is_not(typed, known):
    assert close_words(typed, vocabulary(known)) == []


def test_a_word_extended_by_one_or_two_letters_stands_for_the_known_word():
    assert close_words("ceramica", vocabulary("ceramic")) == ["ceramic"]
    assert close_words("ceramicas", vocabulary("ceramic")) == ["ceramic"]
    assert close_words("ceramicass", vocabulary("ceramic")) == []  # three letters more
    assert close_words("catsy", vocabulary("cat")) == []  # too short a word to be extended by two letters


def test_nearest_words_come_first_then_alphabetically_at_most_five():
    assert close_words("lanternz", vocabulary("lantarns", "lanternx", "lantern")) == ["lantern", "lanternx", "lantarns"]
    assert close_words("lamq", vocabulary("lamp", "lamb", "camp", "clamp", "lamps")) == ["lamb", "lamp"]
    rhymes = vocabulary("rat", "mat", "hat", "fat", "eat", "cat", "sat")
    assert close_words("bat", rhymes) == ["cat", "eat", "fat", "hat", "mat"]


@pytest.mark.parametrize("seed", range(2))
def test_a_large_vocabulary_answers_the_same_as_a_word_by_word_comparison(seed):
    rng = random.Random(seed)
    words = sorted({"".join(rng.choice("abdeklmnoprst") for _ in range(rng.randint(2, 9))) for _ in range(4_000)})
    known = vocabulary(*words)

    for typed in [_mistyped(rng.choice(words), rng) for _ in range(40)]:
        _answers_as_word_by_word(typed, words, known)


@pytest.mark.parametrize("seed", range(2))
def test_numbers_among_the_known_words_answer_the_same_as_a_word_by_word_comparison(seed):
    """Words of digits alone are indexed apart (catalog.search._Index): a typed word with a digit still finds
    them, within reach or holding it, and one without a digit answers as if they were searched too."""
    rng = random.Random(seed)
    letters = {"".join(rng.choice("abdek19") for _ in range(rng.randint(2, 8))) for _ in range(1_500)}
    numbers = {str(rng.randint(10, 99_999_999)) for _ in range(3_000)}
    words = sorted(letters | numbers)
    known, index = vocabulary(*words), _index(vocabulary(*words))
    typed_words = [_mistyped(rng.choice(words), rng, alphabet="abdek1937") for _ in range(80)]

    for typed in typed_words:
        assert index.holds(typed) == any(typed in word for word in words), typed
        _answers_as_word_by_word(typed, words, known)
    assert any(index.holds(typed) and typed.isdigit() for typed in typed_words)  # numbers were found inside numbers


def _answers_as_word_by_word(typed: str, words: list[str], known: dict[str, set[str]]) -> None:
    """close_words(typed) is what comparing `typed` with every known word gives (a word known or shorter than 3
    letters is not guessed for)."""
    if len(typed) < 3 or typed in known:
        return
    limit = 2 if len(typed) >= 7 else 1
    nearest = sorted((distance, word) for word in words if (distance := _alignment_distance(typed, word)) <= limit)
    extended = {word: len(typed) - len(word) for word in words if _extends(typed, word)}
    expected = {**{word: distance for distance, word in nearest}, **extended}
    assert close_words(typed, known) == sorted(expected, key=lambda word: (expected[word], word))[:5], typed


def _mistyped(word: str, rng: random.Random, alphabet: str = "abdeklmnoprst") -> str:
    """`word` with one or two random edits anywhere: a letter changed, left out, added, or two neighbours swapped."""
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(word))
        edit = rng.choice(["change", "leave out", "add", "swap"])
        if edit == "change":
            word = word[:at] + rng.choice(alphabet) + word[at + 1 :]
        elif edit == "leave out" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        elif edit == "add":
            word = word[:at] + rng.choice(alphabet) + word[at:]
        elif at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word


def _extends(typed: str, word: str) -> bool:
    return len(word) >= 4 and typed.startswith(word) and 1 <= len(typed) - len(word) <= 2


def _alignment_distance(first: str, second: str) -> int:
    """Optimal string alignment distance, written out as the reference (a swap of neighbours counts once)."""
    rows = [[max(i, j) if min(i, j) == 0 else 0 for j in range(len(second) + 1)] for i in range(len(first) + 1)]
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def test_known_words_folded_shorter_than_two_letters_are_no_candidates():
    """Folding can shorten a word: "aﾞ" (a halfwidth voiced mark, dropped with the accents) is known as "a", and
    "ﾞﾞ" as "". Neither can be one edit from a typed word of three letters or more."""
    known = vocabulary("", "a", "vase")

    assert close_words("vaze", known) == ["vase"]
    assert close_words("vsae", known) == ["vase"]
