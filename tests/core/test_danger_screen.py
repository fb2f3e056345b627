"""The danger screen over words: negation, hedging, third person, typos, no punctuation,
innocent wording that earns a question, and signs that depend on another fact."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from skill import paths
from skill.content import ContentError, load_content, load_from
from skill.core.danger_screen import normalise, screen

LEXICON = load_content("en-GB").danger


def signs(*texts: str, known: tuple[str, ...] = ()) -> set[str]:
    return set(screen(texts, LEXICON, known).signs)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("his face has gone all droopy on one side", "face_droop"),
        ("she says my mouth looks wonky", "face_droop"),
        ("my wife says im slurring", "speech_trouble"),
        ("words keep coming out wrong", "speech_trouble"),
        ("he cant lift his arm up", "arm_weak"),
        ("my arm is weeak", "arm_weak"),
        ("everything has gone blurry in one eye, my vision is blurred", "vision_loss"),
        ("i wet myself and didnt notice", "bladder_bowel"),
        ("cant pee since this morning", "bladder_bowel"),
        ("numb down there when i wipe", "numb_groin"),
        ("both my legs are getting weaker", "legs_weak"),
        ("my leg is ice cold and white", "cold_pale_leg"),
        ("theres no pulse in his foot", "cold_pale_leg"),
        ("my chest feels tight", "chest_pain"),
        ("i cant catch my breath", "breathless"),
        ("coughed up some blood", "coughing_blood"),
        ("tingling creeping up from my feet to my knees", "rising_weakness"),
        ("i fell down the stairs earlier", "injury"),
        ("mum is confused and her leg is numb", "confusion"),
        ("am i having a stroke", "fears_stroke"),
        ("i just want to end it all", "self_harm"),
        ("a cramp that will not go away for twenty minutes", "long_cramp"),
        ("my calf is red and swollen", "swollen_calf"),
    ],
)
def test_each_sign_is_heard_in_everyday_words(text: str, sign: str) -> None:
    assert sign in signs(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("my leg is numb and I have no chest pain", "chest_pain"),
        ("I don't have any trouble speaking", "speech_trouble"),
        ("without any weakness in my arm", "arm_weak"),
        ("I'm not short of breath", "breathless"),
        ("no problems with my bladder", "bladder_bowel"),
        ("i dont want to hurt myself", "self_harm"),
    ],
)
def test_a_negated_sign_is_not_heard(text: str, sign: str) -> None:
    result = screen([text], LEXICON)
    assert sign not in result.signs
    assert sign in result.negated


def test_my_face_is_fine_says_nothing() -> None:
    assert signs("my face is fine, it's just my leg") == set()


def test_a_negation_ends_with_its_clause() -> None:
    assert signs("no numbness before, but now my face feels numb") == {"face_droop"}
    assert signs("no chest pain and my arm is weak") == {"arm_weak"}
    assert signs("I don't know what is happening, my face is drooping") == {"face_droop"}


@pytest.mark.parametrize("text", ["I think my face is drooping", "kind of slurring a bit", "maybe my arm is a bit weak"])
def test_a_hedged_sign_counts(text: str) -> None:
    assert signs(text)


def test_speech_recognition_style_input_counts() -> None:
    assert signs("my legs numb an i cant lift my arm") == {"arm_weak"}
    assert signs("MY LEG WENT NUMB AND I CANT LIFT MY ARM") == {"arm_weak"}
    assert normalise("I can't—really; can NOT") == "i cant , really , cant"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I've got a numb bum from sitting on the sofa", "still_after_moving"),
        ("my arm goes numb when I sleep on it", "still_after_moving"),
        ("I have a bad headache", "sudden_headache"),
        ("I have cold feet", "cold_leg_check"),
        ("there's a sore on my foot", "sore_healing"),
    ],
)
def test_wording_that_may_be_innocent_gets_one_question(text: str, question: str) -> None:
    result = screen([text], LEXICON)
    assert result.clarify is not None and result.clarify[0] == question
    assert not {"numb_groin", "arm_weak", "severe_headache", "cold_pale_leg", "foot_sore"} & result.signs


def test_a_sudden_headache_or_a_sore_that_will_not_heal_needs_no_question() -> None:
    assert screen(["the worst headache of my life came on suddenly"], LEXICON).signs == {"severe_headache"}
    result = screen(["a sore on my foot that is not healing"], LEXICON)
    assert "foot_sore" in result.signs and result.clarify is None


def test_a_sign_that_depends_on_another_fact_counts_only_with_it() -> None:
    assert "thinners_swelling" not in signs("my calf swelled up all of a sudden")
    assert "thinners_swelling" in signs("I'm on warfarin and my calf swelled up all of a sudden")
    assert "thinners_swelling" in signs("my calf swelled up all of a sudden", known=("blood_thinners",))
    assert "cancer_back" in signs("I had cancer last year and now my back is killing me")
    assert "cancer_back" not in signs("my back is killing me")
    assert "swollen_calf" in signs("I'm pregnant and my calf is sore")


def test_a_foot_pale_for_weeks_is_a_same_day_sign_not_an_emergency() -> None:
    found = signs("my foot has been pale and cold for a few weeks")
    assert "pale_foot" in found and "cold_pale_leg" not in found


def test_benign_night_words_raise_nothing() -> None:
    for text in ("my leg falls asleep in bed", "I'm confused about which stretch to do", "I get cramp at night"):
        assert not signs(text) - {"cold_foot"}, text


def test_a_broken_pattern_names_the_file_and_the_entry(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(paths.content_dir(), content, ignore=shutil.ignore_patterns("snapshots"))
    data = yaml.safe_load((content / "danger_words.yaml").read_text())
    data["concepts"][0]["words"].append("face (droop")
    (content / "danger_words.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ContentError) as error:
        load_from(content)
    assert "danger_words.yaml" in str(error.value) and data["concepts"][0]["id"] in str(error.value)


@pytest.mark.parametrize("text", [
    "am i going to die of this", "will this kill me", "im scared im gonna die", "could i die from this",
    "is he going to die", "am i dying", "my leg is killing me",
])
def test_a_worry_about_dying_is_not_self_harm(text: str) -> None:
    assert "self_harm" not in signs(text)


@pytest.mark.parametrize("text", [
    "i just want to die", "i wanna die", "im going to kill myself", "i want to end it all",
    "i dont want to be here anymore", "ive been hurting myself", "i might as well die", "im better off dead",
    "im going to not wake up on purpose", "i should just die",
])
def test_wanting_to_die_is_still_self_harm(text: str) -> None:
    assert "self_harm" in signs(text)


def test_a_value_lifted_out_of_a_negated_gap_is_read_back_in_it() -> None:
    """The model put "chest pain" in the sign slot and left "no but i am gasping a bit" in
    the free words: the chest pain was denied, the breath was not."""
    result = screen(["chest pain", "no but i am gasping a bit"], LEXICON, pair_up=6)
    assert "breathless" in result.signs
    assert "chest_pain" not in result.signs and "chest_pain" in result.negated
    # with more than one other slot the gap is not guessed at
    assert "chest_pain" in screen(["chest pain", "swollen calf", "no but i am gasping"], LEXICON, pair_up=6).signs
