"""Pronouns and lone names resolved from what the document said before."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from segmenting import quotes, speakers

from datapkg.segment.mentions import _Ctx, _written_in_lower_case


def test_pronoun_resolved_to_nearest_name() -> None:
    text = (
        "Tomas Berg, a retired engineer, has lived by the river for forty years. "
        "He told a local radio station: “The floods are worse every year.”"
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("Tomas Berg", "told")


def test_lone_surname_of_a_full_name_far_back_is_a_person() -> None:
    text = (
        "Site convener Nadia Okafor said the pay offer was an insult.\n\n"
        "The company declined to comment.\n\n"
        "Talks collapsed on Friday.\n\n"
        "Managers blamed the weather.\n\n"
        "Okafor said the vote would go ahead. “We are ready,” she said."
    )
    assert speakers(text) == ["Okafor"]


def test_pronoun_skips_a_name_of_the_other_gender() -> None:
    text = (
        "Marta Silva said her bakery would close in June. Later that day, Mr Piotr Nowak "
        "arrived with the keys. “We tried everything,” she said."
    )
    assert speakers(text) == ["Marta Silva"]
    text = (
        "Lidia Marsh said her shop would stay open. Kit Dorn, next door, said his would "
        "close. “We are staying,” she said."
    )
    assert speakers(text) == ["Lidia Marsh"]


def test_names_inside_other_quotations_are_not_antecedents() -> None:
    text = (
        "The drummer, Sam Quinn, had played there for decades. The band closed with "
        "‘Goodbye, Harbour Lane’. Afterwards Quinn was asked about the future. "
        "‘No idea,’ he said."
    )
    assert speakers(text)[-1] == "Quinn"


def test_lone_name_after_a_kinship_word_or_in_apposition() -> None:
    text = "Our neighbour, Edith, keeps bees on the roof. “They calm me down,” she said."
    assert speakers(text) == ["Edith"]
    text = "The reply came from a pupil named Tobiah. He wrote: “Please keep the pool open.”"
    assert speakers(text) == ["Tobiah"]


def test_pronoun_resolved_to_a_kinship_phrase() -> None:
    text = (
        "When my mother left school, she worked in a cotton mill. "
        "She used to say, “Never owe anyone a penny.”"
    )
    assert speakers(text) == ["my mother"]


def test_pronoun_inside_a_quotation_prefers_people_it_names() -> None:
    text = (
        "Lena Moss remembers her childhood. ‘Grandad fished off this pier. Every Sunday "
        "he told me, “Patience is the bait.”’"
    )
    got = quotes(text)
    assert got[-1][1].speaker == "Grandad"


def test_pronoun_with_a_contraction_is_still_a_pronoun() -> None:
    text = "The guards came at night. They’d say: ‘Sign here or stay.’"
    assert speakers(text) == [None]


def test_first_person_inside_a_quotation_is_the_quoting_speaker() -> None:
    text = "‘I looked him in the eye and I said, “Not today.” He left,’ said Rosa Vint."
    assert speakers(text) == ["Rosa Vint", "Rosa Vint"]


def test_first_person_outside_quotations_is_the_writer() -> None:
    text = "I said to the minister: “Your figures are wrong.”"
    assert speakers(text) == ["I"]


def test_indefinite_speaker_is_no_antecedent() -> None:
    text = "Tom Birch led the march. “Go home,” one shouted. “We stayed,” he said."
    assert speakers(text)[-1] == "Tom Birch"


def test_an_indefinite_opening_a_sentence_is_no_antecedent() -> None:
    """ "One cloud hung ..." is no one, even in a text where "One said" tagged words."""
    text = (
        "The ladies sat down in the shade, and Mira Holt poured the tea. "
        "One said, “How warm it is.”\n\n"
        "“It is,” said Mira Holt. “Too warm for May.”\n\n"
        "She looked at the sky. {opener} cloud hung over the hill.\n\n"
        "“It will rain,” she said."
    )
    for opener in ("One", "Another"):
        assert speakers(text.format(opener=opener))[-1] == "Mira Holt", opener


def test_a_description_in_capitals_tagged_as_a_speaker_is_that_speaker_met_again() -> None:
    """ "asked the Warden" ... "The Warden was wheeled out ...": "she" means the Warden."""
    text = (
        "“Where is the carriage?” asked the Warden.\n\n"
        "“It is coming,” said Polya.\n\n"
        "I went up the stairs quickly. The Warden was already being wheeled out of her study to "
        "the landing. On her lap she kept a stack of letters.\n\n"
        "“Ivo,” she cried, “run on ahead.”"
    )
    assert speakers(text)[-2:] == ["the Warden", "the Warden"]


def test_a_voice_no_name_goes_with_is_no_antecedent() -> None:
    """ "called a voice from the street" is someone unseen: the "she" after is the woman seen,
    but "the voice of Ada Lind" is hers."""
    text = (
        "“Are you ready?” asked Tom Ash.\n\n"
        "“Nearly,” said Ada Lind. She pulled on her coat.\n\n"
        "“Open the door!” called {voice}.\n\n"
        "“Wait,” she said."
    )
    got = speakers(text.format(voice="a voice from the street"))
    assert got[-2:] == ["a voice from the street", "Ada Lind"]
    got = speakers(text.format(voice="the voice of Ida Roe"))
    assert got[-1] != "Ada Lind"


def test_a_pronoun_with_no_name_near_means_the_last_speaker_of_its_gender() -> None:
    text = (
        "“Is the boat ready?” asked Mr. Ferreira.\n\n"
        "“Nearly,” said Mrs. Dąbrowska.\n\n"
        "“And the nets?”\n\n"
        "“Mended yesterday.”\n\n"
        "“Then we sail at noon,” he said."
    )
    assert speakers(text)[-1] == "Mr. Ferreira"


def test_a_pronoun_never_means_a_place_named_after_a_preposition() -> None:
    text = (
        "Minister Tomás Ferro spoke to reporters on Monday after his return from West Harlow.\n\n"
        "“We are not finished,” he said."
    )
    assert speakers(text) == ["Tomás Ferro"]


def test_a_pronoun_with_no_name_near_may_mean_a_speaker_of_untold_gender() -> None:
    text = (
        "“Is the boat ready?” asked Kofi.\n\n"
        "“Nearly.”\n\n"
        "“And the nets?”\n\n"
        "“Mended yesterday.”\n\n"
        "“Then we sail at noon,” he said."
    )
    assert speakers(text)[-1] == "Kofi"


def test_what_follows_a_name_after_its_verb_teaches_its_gender() -> None:
    text = (
        "“No,” said Zuri, shaking her head.\n\n"
        "“Yes,” said Tomas, raising his\nglass.\n\n"
        "“Why not?” she asked."
    )
    assert speakers(text)[-1] == "Zuri"


def test_a_place_named_like_a_person_is_no_antecedent() -> None:
    text = (
        "Minister Ewa Lind met delegates at the summit on Monday.\n\n"
        "North Kaliva and the Tern Islands sent observers.\n\n"
        "“We expect a long night,” she said."
    )
    assert speakers(text) == ["Ewa Lind"]


def test_a_wrapped_line_does_not_start_a_paragraph_nor_make_a_subject() -> None:
    """In hard-wrapped text the paragraph's subject is where the paragraph starts, not a
    name that happens to begin a line."""
    text = (
        "Mrs. Orla Brandt had kept the lighthouse for thirty years, and spoke fondly of\n"
        "Miss Petra Lund, who had taught her the lamps. “The light never\n"
        "fails,” she said."
    )
    assert speakers(text) == ["Mrs. Orla Brandt"]


def test_a_pronoun_followed_by_a_stop_and_a_dash_is_resolved() -> None:
    text = "Mrs. Orla Brandt came down the stairs.\n\n“Very well,” said she.--“I shall go.”"
    assert speakers(text)[0] == "Mrs. Orla Brandt"


@pytest.mark.parametrize(
    ("opening", "pronoun", "name"),
    [
        ("Former Ohio governor Ann Brill, an early backer of the plan,", "she", "Ann Brill"),
        ("Harbor Rights International spokesman Eli Ferro", "he", "Eli Ferro"),
    ],
)
def test_an_affiliation_before_a_role_and_a_name_is_not_the_person(
    opening: str, pronoun: str, name: str
) -> None:
    text = f"{opening} spoke to us on Monday. “It went well,” {pronoun} said."
    assert speakers(text) == [name]


def test_a_pronoun_opening_a_paragraph_means_the_subject_before_not_a_name_met_later() -> None:
    text = (
        "Tomás Ruiz said he had not sought the endorsement of the union in the race against "
        "Emil Ferro.\n\n“I liked the session, and I found it quite helpful,” he said."
    )
    assert speakers(text) == ["Tomás Ruiz"]
    # A name in the pronoun's own paragraph is still the nearest.
    text = "Tomás Ruiz spoke first.\n\nThen Emil Ferro stood up. “I liked the session,” he said."
    assert speakers(text) == ["Emil Ferro"]


def _far(intro: str) -> str:
    """`intro`, a long stretch naming nobody, and a quotation that "Bill" says."""
    filler = "The rain went on and the road was long and grey and empty. " * 60
    return intro + "\n\n" + filler + "\n\n“Let us go,” Bill said."


def test_a_first_name_far_from_its_full_name_is_the_only_full_name_the_text_gives_it() -> None:
    intro = "Bill Hatchell came in. Bill said he was tired. Bill thought he would sleep."
    [(_, q)] = quotes(_far(intro))
    # The full name is written nowhere near: no offsets to check it by.
    assert (q.speaker, q.speaker_char_start) == ("Bill Hatchell", None)
    # "Old Bill" once is no surname beside two full names that start with "Bill".
    [(_, q)] = quotes(_far(intro + " Bill Hatchell slept. Old Bill had gone."))
    assert q.speaker == "Bill Hatchell"
    # Two people called Bill: the name as written.
    [(_, q)] = quotes(_far(intro + " Bill Moss waved; he left."))
    assert q.speaker == "Bill"


def test_a_first_name_the_words_call_someone_by_is_a_persons_without_a_pronoun() -> None:
    """No "he" tells that Bill is a person, but the quoted words call someone "Bill"."""
    intro = "Bill Hatchell came in at nine. “Morning, Bill.” “Morning.”"
    [*_, (_, q)] = quotes(_far(intro))
    assert q.speaker == "Bill Hatchell"
    # Neither told nor called: a company's name, maybe ("Corvane Logistics").
    [(_, q)] = quotes(_far("Bill Hatchell came in at nine."))
    assert q.speaker == "Bill"


def test_a_run_opening_a_sentence_with_a_word_written_in_lower_case_ends_no_name() -> None:
    """ "See Bill?" and "Old Bill, ..." are a verb and an adjective before the name: Bill is
    no surname for them, and "Bill" far away is still Bill Hatchell."""
    intro = (
        "Bill Hatchell came in. Bill said he was tired. “See Bill?” “Old Bill, the old devil.” "
        "I could see he was old."
    )
    [*_, (_, q)] = quotes(_far(intro))
    assert q.speaker == "Bill Hatchell"
    # Without the same words in lower case elsewhere, the runs may be full names.
    intro = "Bill Hatchell came in. Bill said he was tired. “See Bill?” “Old Bill, the devil.”"
    [*_, (_, q)] = quotes(_far(intro))
    assert q.speaker == "Bill"


# Lower-case words among letters and marks that may touch them: the one-pass index of the
# text's lower-case words must answer as a search for each word does.
_LOWER_PARTS = ["see", "old", "what’s", "what's", "é", "sé", "o", "mike", "see-it"]
_LOWER_GLUE = ["", " ", "-", "’", "'", "_", "S", "3", ".", "\n", "É"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LOWER_PARTS + _LOWER_GLUE), max_size=30))
def test_the_index_of_lower_case_words_finds_what_a_search_for_each_finds(
    pieces: list[str],
) -> None:
    text = "".join(pieces)
    searched = _Ctx(frozenset(), {}, [], [], text=text)
    indexed = _Ctx(frozenset(), {}, [], [], text=text, read_for_lower=10**9)
    for word in _LOWER_PARTS:
        assert _written_in_lower_case(word, searched) == _written_in_lower_case(word, indexed)
    assert indexed.lower_words is not None  # the second asked the index


def test_a_first_name_far_from_full_names_is_the_one_the_text_gives_far_more_often() -> None:
    bills = "Bill said he was tired. Bill thought he would sleep. " + "Bill Hatchell came in. " * 9
    [*_, (_, q)] = quotes(_far(bills + "Bill Moss waved."))
    assert q.speaker == "Bill Hatchell"
    bills = "Bill said he was tired. Bill thought he would sleep. " + "Bill Hatchell came in. " * 3
    [*_, (_, q)] = quotes(_far(bills + "Bill Moss waved. " * 2))
    assert q.speaker == "Bill"


def test_a_title_of_address_tells_the_gender_whatever_the_surname_taught() -> None:
    text = (
        "Jean Dupont said he was tired. Jean Dupont thought he would sleep. "
        "Mlle. Dupont sat by the window.\n\n“Money, always money,” she said."
    )
    assert speakers(text) == ["Mlle. Dupont"]


def test_a_first_name_tells_the_gender_before_the_family_name() -> None:
    text = (
        "Odile said she was happy. Odile thought she would sing. Martin Pellow said he was "
        "tired. Martin Pellow thought he would go. Odile Pellow came in.\n\n“Very well,” he said."
    )
    assert speakers(text) == ["Martin Pellow"]


def test_a_title_used_alone_stands_for_the_name_it_came_with() -> None:
    text = "Mademoiselle Lucarde came in and sat at the harp.\n\n“Play,” said Mademoiselle."
    assert speakers(text) == ["Mademoiselle Lucarde"]


def test_the_title_alone_after_the_is_a_person_a_pronoun_may_mean() -> None:
    scene = (
        "Ilse Varga and Colonel Østby crossed the square.\n\n“Wait,” said Ilse.\n\n"
        "The Colonel stopped under the lamp.\n\n“I think,” he said, “we are followed.”"
    )
    assert speakers(scene)[1:] == ["Colonel Østby", "Colonel Østby"]
    # A word after "The" that is no title is no person.
    other = scene.replace("The Colonel stopped", "The Bakery stood")
    assert "Bakery" not in speakers(other)


def test_the_subject_after_an_opening_clause_is_whom_a_pronoun_means() -> None:
    text = (
        "“For you, gladly,” said Lord Alfred.\n\n"
        "When Lord Alfred had settled in again, Mr. Évrard edged across and found a stool.\n\n"
        "“You argue the stars down,” he said."
    )
    assert speakers(text) == ["Lord Alfred", "Mr. Évrard"]


def test_a_possessive_opening_an_apposition_of_relation_is_someone_elses() -> None:
    """ "Tomás Ruiz, her Republican opponent, ..." says nothing of Ruiz's gender; "Marta
    Ruiz, her face grim, ..." does."""
    text = (
        "Tomás Ruiz, her Republican opponent, lamented the closures and said he thought that "
        "tariffs were “a rather large part” of it."
    )
    assert speakers(text) == ["Tomás Ruiz"]
    text = (
        "Tomás Ruiz waved. Marta Ruiz, her face grim, stood up and said she thought that "
        "tariffs were “a rather large part” of it."
    )
    assert speakers(text) == ["Marta Ruiz"]


def test_a_pronoun_with_nobody_of_its_gender_near_means_someone_further_back() -> None:
    """No woman within the near reach and no woman heard speaking: the one met paragraphs
    before, not nobody."""
    filler = "\n\n".join(["The officers stood around the car and the street was quiet."] * 30)
    text = f"Rakeyia Sköld lives on the street.\n\n{filler}\n\n“Do not shoot him,” she says."
    assert speakers(text) == ["Rakeyia Sköld"]


def test_a_kinship_phrase_of_the_narration_yields_to_a_name() -> None:
    """ "Her father" names someone the text names better: the nearest man named."""
    text = (
        "Tom Abernethy sat by the fire with Philippa. Her father watched her in silence.\n\n"
        "“Philippa!” he said."
    )
    assert speakers(text) == ["Tom Abernethy"]


def test_a_kinship_phrase_in_quoted_words_stays_and_is_one_line() -> None:
    text = "Tom Ruiz said: “My\nmother came in. ‘Go away,’ she said.”"
    assert speakers(text) == ["Tom Ruiz", "My mother"]


def test_the_title_in_lower_case_is_the_one_person_holding_it() -> None:
    text = (
        "Count Orlov poured the wine for Vera Lindqvist.\n\n"
        "“It is a fine old vintage,” said the count.\n\n"
        "“It is lovely,” said the lady."
    )
    assert speakers(text) == ["Count Orlov", "the lady"]


def test_the_doctor_is_the_one_doctor_named() -> None:
    text = "Dr. Wilkins bent over the bed.\n\n“She is dead,” said the doctor."
    assert speakers(text) == ["Dr. Wilkins"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The title written with its capital, as a novel often writes it of one person.
        ("Major Vale came in and sat down.\n\n“Sit down,” said the Major.", "Major Vale"),
        # "Doctor" spelled out before the name is the title "Dr." is.
        (
            "Doctor Mandel looked up from his papers.\n\n“It is nothing,” said the Doctor.",
            "Doctor Mandel",
        ),
        (
            "Doctor Ørsted looked up from his papers.\n\n“It is nothing,” said the doctor.",
            "Doctor Ørsted",
        ),
    ],
)
def test_the_capitalised_title_is_the_one_person_holding_it(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


def test_a_chapter_heading_names_no_one_a_pronoun_means() -> None:
    text = (
        "Chapter Twelve: Supper with Anselm\n\n"
        "The lamps were lit early that evening, and the table was laid for three.\n\n"
        "“We should not wait any longer,” she said."
    )
    assert speakers(text) == [None]


def test_a_place_after_in_the_is_no_antecedent() -> None:
    text = (
        "They sat on the cold steps in the Óbuda Arcade. Nobody passed.\n\n"
        "“Where have they gone?” she repeated."
    )
    assert speakers(text) == [None]


def test_a_count_of_people_is_no_antecedent() -> None:
    text = (
        "Two Estonians walked past the fountain without a word.\n\n"
        "“Are they following us?” he asked."
    )
    assert speakers(text) == [None]


def test_a_pronoun_means_someone_the_text_lets_speak_over_a_name_met_in_passing() -> None:
    """A name met in the middle of the narration ("the old lamps of Hallam Gate") is no
    antecedent of a speaking pronoun when someone the text lets speak ("said Żaneta") stands
    before it; a sentence's subject still is ("Wren Adler, a delegate, criticized")."""
    text = (
        "“It is late,” said Żaneta.\n\n"
        "They walked on and stopped beneath the old lamps of Hallam Gate.\n\n"
        "“Oh, that old house,” she said."
    )
    assert speakers(text)[-1] == "Żaneta"
    news = (
        "“We are ready,” said Ewa Lind.\n\n"
        "Wren Adler, a delegate from Ohio, criticized the rules.\n\n"
        "“We are wasting too much time,” she said."
    )
    assert speakers(news)[-1] == "Wren Adler"


@pytest.mark.parametrize(
    ("introduction", "speaker"),
    [
        # A title makes a person of a name the text never tags as speaking.
        (
            "There is no sign that Abel Moss knew, but General Tomás Ferro, who stayed on "
            "after the war, claims that everyone did.",
            "General Tomás Ferro",
        ),
        # So does a sentence saying who someone is.
        (
            "In Lisbon I met the official in charge of the plan. He is Tomás Ferro, once "
            "known as its author.",
            "Tomás Ferro",
        ),
    ],
)
def test_a_person_titled_or_said_to_be_someone_stays_an_antecedent(
    introduction: str, speaker: str
) -> None:
    text = (
        "“We knew,” said Abel Moss.\n\n"
        f"{introduction}\n\n"
        "The meeting was short.\n\n"
        "“Nobody stopped it,” he said."
    )
    assert speakers(text)[-1] == speaker


def test_a_place_the_text_writes_after_in_is_no_ones_antecedent() -> None:
    text = (
        "Ottilie Brandt came home.\n\nAfter the war she settled in Upper Valdoria, where the "
        "winters are long. Upper Valdoria suited her.\n\n“I am tired,” she said."
    )
    assert speakers(text) == ["Ottilie Brandt"]
    # Someone the text lets speak stays a person, whatever preposition stood before the name.
    text = (
        "Nobody confided in Marta Vell.\n\n“Go,” said Marta Vell.\n\nMarta Vell stood up. "
        "The room was cold.\n\n“Now,” she said."
    )
    assert speakers(text) == ["Marta Vell", "Marta Vell"]


def test_a_name_after_the_is_no_antecedent_unless_the_text_lets_it_speak() -> None:
    text = (
        "Marta Vell came home late.\n\nShe thought of what the day had shown her: the man was "
        "selfish, and the Varden Empire a hollow thing.\n\n“I'm going to object,” she said."
    )
    assert speakers(text) == ["Marta Vell"]
    # A title the text gives a voice stays someone: "the Countess" speaks.
    text = (
        "“Take it away,” said the Countess.\n\nThe maid halted and stared at the Countess."
        "\n\n“Nonsense,” she said."
    )
    assert speakers(text) == ["the Countess", "the Countess"]


def test_a_family_name_alone_has_the_gender_its_untitled_copies_are_given() -> None:
    """Met first, "Mrs. Quade" is not "Quade" alone, her son: "Quade ... he" tells so."""
    text = (
        "Mrs. Quade poured the tea, and she sighed. Mrs. Quade smiled, and she sat down.\n\n"
        "Quade stood up, and he was tired. Quade looked out, and he saw the rain. Quade sat "
        "down, and he waited. Mr. Quade, his father, had gone to bed.\n\n"
        "Then Quade went to the door.\n\n“It is late,” he said."
    )
    assert speakers(text) == ["Quade"]


@pytest.mark.parametrize(
    "met",
    ["at a meeting with Dr. Marek Novak on Monday", "after a talk with Mayor Ilse Brandt"],
)
def test_with_no_subject_before_the_speaker_a_cue_gave_outranks_a_name_met_in_passing(
    met: str,
) -> None:
    text = f"“It is a hard choice,” Nuñez said {met}.\n\n“I think Ana would back it,” she said."
    assert speakers(text) == ["Nuñez", "Nuñez"]


def test_a_speaker_described_as_a_woman_is_not_he() -> None:
    text = "Tomás Ruiz knocked twice.\n\n“Sit down,” said the old woman.\n\n“Thank you,” he said."
    assert speakers(text) == ["the old woman", "Tomás Ruiz"]


def test_a_pronoun_that_may_be_someone_elses_teaches_no_gender() -> None:
    # "looking at her": an object, someone else; Lee Park may still be "he".
    text = "“We will win,” said Lee Park, looking at her.\n\nMrs. Moss nodded.\n\n“Go on,” he said."
    assert speakers(text)[-1] == "Lee Park"
    # A possessive followed by its noun is the name's own: Lee Park is "she" here.
    own = text.replace("looking at her.", "putting down her cup.")
    assert speakers(own)[-1] is None


def test_a_name_a_reporting_verb_follows_is_its_sentences_subject_after_a_long_opening() -> None:
    text = (
        "After a long morning of meetings with farmers and with the county water board, Ivo "
        "Oduya explained why he backs the levy over one by Governor Lia Berg.\n\n"
        "“This valley needs water,” he said."
    )
    assert speakers(text) == ["Ivo Oduya"]
    # Not when a pronoun before it may be the subject ("he told Ivo Oduya, a reporter,").
    text = text.replace("Ivo Oduya explained", "he told Ivo Oduya, a reporter,")
    assert "Ivo Oduya" not in speakers(text)
    # A pronoun inside quoted words before it is theirs, not the sentence's.
    text = (
        "Mrs. Lia Berg nodded. “He is a bore and I said so,” said Ana Ruiz.\n\n"
        "The room was quiet.\n\n“We will see,” she said."
    )
    assert speakers(text) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_title_of_the_other_gender_calls_another_person_of_the_family() -> None:
    from datapkg.segment.mentions import _called

    called = frozenset({"Mrs. Halvorsen", "Halvorsen"})
    assert _called("Mrs. Halvorsen", called)
    assert _called("Greta Halvorsen", called)  # no title: she may be the one called
    assert not _called("Mr. Halvorsen", called)
