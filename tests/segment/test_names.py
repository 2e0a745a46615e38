"""Names and noun phrases as speakers, in any script."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from segmenting import Q, quotes, speakers

from datapkg.segment.lexicon import _GENDER_MENTIONS
from datapkg.segment.names import (
    _copies_of,
    _family_names,
    _is_person_run,
    _leading_np,
    _name_mentions,
    _place_names,
    _plausible_speaker,
    _plural_names,
    _tagged_words,
    _tidied,
)


def test_plural_names_are_capitalised_plurals_of_words_the_text_writes_more_than_once() -> None:
    text = (
        "Some Varangs were drumming. A Varang drums at dusk; the Varang priest answers. "
        "The Pilchers came, and Mr. Pilcher sat down beside George Pilcher. Doris Glass "
        "waved. Lucas Moss had seen a Luca once."
    )
    # "Doris", "Glass" and "Moss" are no plurals; "Lucas" beside one "Luca" may be a misprint.
    assert _plural_names(text) == frozenset({"Varangs", "Pilchers"})


def test_a_family_name_takes_its_untitled_gender_else_its_most_frequent_title_s() -> None:
    text = (
        "Mrs. Brockway came. Mrs. Brockway sat. Mrs. Brockway spoke. Mr. Brockway left. "
        "Brockway said he knew. Brockway thought he would go. Mr. McBryde came, and Mr. "
        "McBryde went; Mrs. McBryde stayed. Mr. Lund and Mrs. Lund came. Miss Ross came alone."
    )
    # Ross has one title: no family. Lund has as many of each and no untitled copies.
    assert _family_names(text) == {"Brockway": "he", "McBryde": "he", "Lund": None}


def test_a_time_phrase_before_the_verb_is_not_part_of_the_subject() -> None:
    assert speakers("Ana Núñez on Tuesday said the plan was “dead.”") == ["Ana Núñez"]
    text = "Sen. Ann Ruiz (D-Ohio) last week said the talks were “over.”"
    assert speakers(text) == ["Sen. Ann Ruiz"]
    assert speakers("Ruiz at the time said the talks were “over.”") == ["Ruiz"]


def test_an_office_before_of_gives_way_to_the_person_the_phrase_ends_with() -> None:
    text = "Speaker of the Assembly Rep. Óscar Peña (D-Ohio) said “such images have no place.”"
    assert speakers(text) == ["Rep. Óscar Peña"]
    # A person before "of" keeps the phrase's place out of it.
    assert speakers("Sen. Ann Ruiz of New Hampshire said “no.”") == ["Sen. Ann Ruiz"]


def test_a_capital_opening_a_sentence_before_a_plural_noun_and_a_verb_is_no_name() -> None:
    text = (
        "Nuclear energy analysts have doubted the reports, but have suggested that "
        "it may raise its “output.”"
    )
    assert speakers(text) == ["Nuclear energy analysts"]


def test_a_noun_phrase_runs_over_capitalised_words_and_stops_at_an_adverb() -> None:
    text = (
        "A spokeswoman for the County Water Rights Commission emailed the memo, arguing, "
        "“It claims nothing of the sort.”"
    )
    assert speakers(text) == ["A spokeswoman for the County Water Rights Commission"]
    text = "Later, party Chairman Renée Vautrin sharply chided Bo for saying they should “resign.”"
    assert speakers(text) == ["Renée Vautrin"]
    # A determiner before the adverb is no name: "An early report".
    text = "An early report quoted the mayor as saying “We must act on this now.”"
    assert speakers(text) == ["An early report"]
    # A name the phrase's word limit would cut goes on to its end.
    text = (
        "But then, liberal columnist Hollis Marbury of the anti-Kessler Evening Courier "
        "imagined Dunmore was thinking: “What have I started?”"
    )
    assert speakers(text) == [
        "liberal columnist Hollis Marbury of the anti-Kessler Evening Courier"
    ]


def test_an_office_written_before_a_name_is_no_part_of_it() -> None:
    text = (
        "House Speaker Pål Lindgren said the rule was plain.\n\n"
        "Lindgren said Okafor has never honoured the rule.\n\n"
        "He says Okafor “knows perfectly well that the rule is plain.”"
    )
    # The subject before, a surname the text gives: not Okafor.
    assert speakers(text) == ["Lindgren"]
    assert speakers("Senate Majority Whip Jon Cornyn called it “a shame.”") == ["Jon Cornyn"]


def test_relative_clause_speaker_is_the_noun_it_follows() -> None:
    text = "Outside hangs a sticker that says ‘Drive slowly, children playing’ in red."
    assert speakers(text) == ["a sticker"]
    text = "The goalkeeper, Lee Park, who insists he is ‘nearly retired’, saved two."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Lee Park")


def test_subject_set_off_by_commas() -> None:
    text = "Our caretaker, Milo, says the roof is “held up by hope and string,” mostly."
    assert speakers(text) == ["Milo"]
    text = "Councilwoman Jo Park, one of two dissenters, called the plan “a blank cheque.”"
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Councilwoman Jo Park")
    text = "The notice, in full, read: “The pool is closed until further notice.”"
    assert speakers(text) == ["The notice"]


def test_a_lone_name_set_off_by_an_apposition_is_the_subject() -> None:
    text = "Ruiz, the only candidate to campaign in Idaho, told them to win “a battle in Denver.”"
    assert speakers(text) == ["Ruiz"]
    assert speakers("Ortiz, 92, said the plan was “a disgrace.”") == ["Ortiz"]
    # A word that opens a noun phrase is no name, whatever follows it.
    assert speakers("One, a man who was held, said “it was bad.”") == ["a man who was held"]


def test_name_in_apposition_after_the_verb() -> None:
    text = "“We are full every night,” said the shelter’s manager, Ines Roca."
    assert speakers(text) == ["Ines Roca"]
    text = (
        "The poem was written by one of our cleaners, a young man called Dev Patel, "
        "and he posted it to me:\n\nThe lights go off at six. We stay."
    )
    assert speakers(text) == ["Dev Patel"]


def test_it_is_the_subject_of_its_own_sentence() -> None:
    text = "This editorial is muddled, but it ends by describing the cuts as “overdue and fair”."
    assert speakers(text) == ["This editorial"]


def test_arabic_particle_names() -> None:
    text = "Mustafa al-Rahim, a retired judge, says “the courts have been emptied of trust.”"
    assert speakers(text) == ["Mustafa al-Rahim"]


def test_plural_body_is_not_a_person() -> None:
    text = (
        "Tomas Reyes met the Coast Guard Volunteers on Friday.\n\n"
        "The rescue took six hours.\n\n“It was close,” he said."
    )
    assert speakers(text) == ["Tomas Reyes"]


def test_kinship_phrase_before_a_name_gives_the_name() -> None:
    text = "My cousin Ravi drove the van. Then he looked over at me and said, “Wait here.”"
    assert speakers(text) == ["Ravi"]


@pytest.mark.parametrize("name", ["Émile Durand", "Ólafur Þórsson", "Łucja Żak", "Şule Çelik"])
def test_names_with_capitals_beyond_ascii(name: str) -> None:
    [(_, q)] = quotes(f"{name} arrived late. “I was held up at the border,” he said.")
    assert q.speaker == name


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“It was unfair,” Sen. Clara Nuñez (D-Mo.) said.", "Sen. Clara Nuñez"),
        ("“It is a deal,” Rep. Jim Orr (R-Ohio), a panel member, said on Friday.", "Rep. Jim Orr"),
        ("Sen. Ana Ruiz (D-Mo.) said the plan was “dead on arrival” in May.", "Sen. Ana Ruiz"),
        (
            "“There is some thought,” said Representative Carl B. Ramos of Maine.",
            "Representative Carl B. Ramos of Maine",
        ),
    ],
)
def test_a_party_an_aside_or_an_initial_stays_out_of_the_name(text: str, speaker: str) -> None:
    [(_, q)] = quotes(text)
    assert q.speaker == speaker


def test_an_initial_does_not_end_the_sentence_of_an_attribution() -> None:
    text = "“There is some thought,” said Representative Carl B. Ramos of Maine. “I think so.”"
    first, second = speakers(text)
    assert first == second == "Representative Carl B. Ramos of Maine"


def test_a_middle_initial_is_part_of_the_name() -> None:
    text = (
        "Readers wrote in.\n\n“No sympathy at all.” ― Oscar P. Quintero “It is over.” ― Ann B. Lee"
    )
    assert speakers(text) == ["Oscar P. Quintero", "Ann B. Lee"]


@pytest.mark.parametrize("name", ["Early", "Kelly", "Émily"])
def test_a_name_ending_in_ly_is_no_adverb(name: str) -> None:
    """An adverb before the verb is dropped ("Moss repeatedly said"); a capitalised word
    ending in -ly is a name."""
    text = f"Rep. Abel {name} heard the result.\n\n{name} said it was “quite a shock.”"
    assert speakers(text) == [name]
    text = f"Rep. Abel {name} heard the result.\n\n{name} repeatedly said it was “quite a shock.”"
    assert speakers(text) == [name]


@pytest.mark.parametrize(
    ("subject", "name"),
    [
        ("Democratic presidential candidate Ana Ruiz", "Ana Ruiz"),
        ("Band member Zed Moore", "Zed Moore"),
        ("Former senator Émile Durand", "Émile Durand"),
        # An affiliation of several capitalised words, a hyphenated role, a one-word name.
        ("Harbor Radio host Ana Ruiz", "Ana Ruiz"),
        ("Green presidential front-runner Ana Ruiz", "Ana Ruiz"),
        ("Band member Zed", "Zed"),
    ],
)
def test_a_subject_that_names_a_person_after_a_role_is_that_person(subject: str, name: str) -> None:
    text = f"{subject} took to social media, writing: “Another attack. When will we learn?”"
    assert speakers(text) == [name]


# Name words, some joined ("Smith-Jones", "O’Neill"), among letters and marks that may touch
# them: the one-pass index must find exactly what a search for each word finds.
_NAME_PARTS = ["Ann", "Lee", "Émile", "Smith", "Jones", "Neill", "Li", "Lisbon", "Ed", "Eda"]
_GLUE = ["", " ", "-", "’", "'", "_", "s", "3", ".", "\n", "é", "ß"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PARTS + _GLUE), max_size=40))
def test_the_index_of_name_words_finds_what_a_search_for_each_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    words = frozenset([*_NAME_PARTS, "Smith-Jones", "Ann-Lee", "Li’s"])
    index = _name_mentions(text, words)
    for word in words:
        copies, read = _copies_of(text, word)
        assert index.get(word, []) == copies, word
        assert read == (copies[-1][1] if len(copies) == _GENDER_MENTIONS else len(text))


def test_the_index_of_name_words_finds_parts_of_joined_words() -> None:
    text = "Ann Smith-Jones met O’Neill and Smith’s son, Li. Lisbon, Li-Ann."
    index = _name_mentions(text, frozenset(["Smith", "Jones", "Neill", "Li", "Ann", "Smith-Jones"]))
    assert {w: [text[s:e] for s, e in c] for w, c in index.items()} == {
        "Ann": ["Ann", "Ann"],
        "Smith": ["Smith", "Smith"],
        "Smith-Jones": ["Smith-Jones"],
        "Jones": ["Jones"],
        "Neill": ["Neill"],
        "Li": ["Li", "Li"],
    }


def test_an_adverb_after_the_subject_ends_it() -> None:
    text = (
        "A campaign official later played down the quip, saying that Zoë Moss “was only teasing.”"
    )
    assert speakers(text) == ["A campaign official"]


def test_an_aside_in_brackets_ends_the_speakers_mention() -> None:
    text = (
        "“It is nothing unusual,” said Rep. Tomás Ruiz (D-Md.) at the hearing, adding that “we "
        "have managed it for decades.”"
    )
    assert speakers(text) == ["Rep. Tomás Ruiz", "Rep. Tomás Ruiz"]


def test_the_subject_follows_two_opening_adverbials() -> None:
    text = (
        "On Thursday, after staying neutral for months, Zoë Brennan spoke at the rally, saying, "
        "“She is a fighter.”"
    )
    assert speakers(text) == ["Zoë Brennan"]


def test_a_past_tense_ends_the_subject_of_a_participle_cue() -> None:
    text = "Before the vote, her campaign sent out a message to voters saying: “We won!”"
    assert speakers(text) == ["her campaign"]


@pytest.mark.parametrize("opening", ["Alongside the calls for action", "Outside the court"])
def test_the_subject_follows_an_adverbial_of_place(opening: str) -> None:
    text = f"{opening}, a party strategist spoke up, saying, “She will have to choose.”"
    assert speakers(text) == ["a party strategist"]


def test_the_subject_follows_an_opening_phrase_written_without_its_comma() -> None:
    text = "At the end of the long meeting the old teacher said, “You did well.”"
    assert speakers(text) == ["the old teacher"]
    # The phrase's own object is not the subject.
    assert speakers("Ilse Brandt, after the long recount said, “It is ours.”") == ["Ilse Brandt"]


def test_a_second_verb_after_a_comma_and_then_shares_the_subject() -> None:
    text = "Ilse Brandt looked up. She frowned, then said, “Quite wrong.”"
    assert speakers(text) == ["Ilse Brandt"]


def test_an_aside_in_brackets_before_an_auxiliary_is_no_part_of_the_subject() -> None:
    text = "Sen. Íñigo Varga (R-Okla.) has said he would “starve the agency of its funds.”"
    assert speakers(text) == ["Sen. Íñigo Varga"]


def test_the_subject_follows_an_opening_present_participle() -> None:
    text = (
        "Pressing his case further, Benoît Lacombe dismissed the idea, saying that if he "
        "“saw waste anywhere, I would cut it.”"
    )
    assert speakers(text) == ["Benoît Lacombe"]


def test_a_sentence_starting_inside_quoted_words_has_its_subject_after_them() -> None:
    text = "“No. Not at all,” Ana Ruiz replied, remarking that she was “looking for a team.”"
    assert speakers(text) == ["Ana Ruiz", "Ana Ruiz"]


def test_a_copula_ends_the_subject_after_the_quotation() -> None:
    text = "“The method works,” Jörg Halvorsen is quoted as saying."
    assert speakers(text) == ["Jörg Halvorsen"]


def test_a_particle_joins_the_words_of_a_name() -> None:
    text = (
        "Addressing a meeting, Karim al Hadi demanded an end to the raids, saying “We are not "
        "enemies.”"
    )
    assert speakers(text) == ["Karim al Hadi"]


def test_a_pronoun_subject_is_the_pronoun_whatever_verbs_follow_it() -> None:
    text = "Zoë Brennan fell. “Are you all right?” she managed to say."
    assert speakers(text) == ["Zoë Brennan"]


def test_a_description_after_its_verb_goes_on_with_whom_it_describes() -> None:
    text = "“We have ground to cover,” said a senior aide to the governor, who declined to speak."
    assert speakers(text) == ["a senior aide to the governor"]
    text = "“It works,” said a spokeswoman for Harbor Rights."
    assert speakers(text) == ["a spokeswoman for Harbor Rights"]
    # Not a name's, nor a description's manner or the rest of the clause.
    assert speakers("“It works,” said Zoë to her sister.") == ["Zoë"]
    assert speakers("“It works,” said the official as he left the room.") == ["the official"]


def test_a_short_past_tense_ends_a_subject() -> None:
    text = (
        "The column used one of his lines as its banner: “Honestly. Somebody who sounds like us.”"
    )
    assert speakers(text) == ["The column"]


def test_a_name_with_an_initial_and_a_surname_in_s_is_a_persons() -> None:
    """ "Cornelius P. Hobbs" is no body of people like "Iraqi Security Forces"."""
    text = (
        "Cornelius P. Hobbs, one of the governor's trusted deputies, described the visit, saying "
        "it was “a fresh start.”"
    )
    assert speakers(text) == ["Cornelius P. Hobbs"]
    text = "“This hearing is a farce,” said Del. Marisol Quennell."
    assert speakers(text) == ["Del. Marisol Quennell"]


def test_a_run_with_the_pronoun_i_is_no_name() -> None:
    """“Shall I?” calls nobody: the turn after it is not spoken by "Shall I"."""
    text = (
        "Henry Calloway looked at Ada Lowell. “Tell me now,” said Henry.\n\n"
        "“Shall I?”\n\n"
        "“If it is not a long story.”"
    )
    assert speakers(text)[2] == "Henry"


def test_a_double_hyphen_ends_a_name_after_the_verb() -> None:
    text = "Greta came in.\n\n“Just so,” replied Mrs. Pruett--such was her name--“just so.”"
    assert speakers(text) == ["Mrs. Pruett", "Mrs. Pruett"]


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("said Mr. Tolley afterwards.", "Mr. Tolley"),
        ("said Greta a little crossly.", "Greta"),
        ("wrote Time magazine.", "Time magazine"),
        ("said Moira's solicitor.", "Moira's solicitor"),
    ],
)
def test_a_name_after_the_verb_ends_at_a_word_in_lower_case(tag: str, speaker: str) -> None:
    assert speakers(f"“We shall see about that,” {tag}") == [speaker]


def test_a_possessive_speaker_is_its_owner_and_a_verb_is_no_part_of_it() -> None:
    assert speakers("Varley’s claim was that “nobody has worked harder for them.”") == ["Varley"]
    assert _plausible_speaker("Nanny's") == "Nanny"
    assert _plausible_speaker("Brennock said") == "Brennock"
    # What someone says is theirs; their campaign or their letter is a source of its own.
    assert _plausible_speaker("Ana Lee’s stock answer") == "Ana Lee"
    assert _plausible_speaker("Ana Lee’s campaign") == "Ana Lee’s campaign"


def test_the_subject_set_off_by_a_relative_clause_follows_a_subordinator() -> None:
    text = (
        "It was three years ago that Ilse Vik, who's weighing a bid for office, said it was "
        "“unthinkable” to her."
    )
    assert speakers(text) == ["Ilse Vik"]


def test_a_double_hyphen_ends_a_name() -> None:
    assert speakers("“Halt!” cried Sir Harry Penhallow--who was weary.") == ["Sir Harry Penhallow"]
    assert _plausible_speaker("Ilse Vik--who") == "Ilse Vik"


@pytest.mark.parametrize(
    ("found", "speaker"),
    [
        ("_Paris Times_", "Paris Times"),
        ("Presently Martha", "Martha"),
        ("Then the old man", "the old man"),
        ("Then", None),
        ("Mr. Hobday of", "Mr. Hobday"),
        ("the mother and", "the mother"),
        ("Kelly Osei", "Kelly Osei"),
    ],
)
def test_markup_and_an_opening_adverb_are_no_part_of_a_speaker(
    found: str, speaker: str | None
) -> None:
    assert _plausible_speaker(found) == speaker


def test_a_clause_verb_ends_the_subject_it_came_with() -> None:
    # An adverb of time after the name: the name alone told them.
    text = "Zoë Lindqvist later Thursday told donors to “keep faith.”"
    assert speakers(text) == ["Zoë Lindqvist"]


@pytest.mark.parametrize(
    ("found", "speaker"),
    [
        ("Brennock said Varley's tweet", "Brennock"),
        ("Moberly would do better", "Moberly"),
        ("a driver can be heard", "a driver"),
        ("Émile Durand Is Now", "Émile Durand"),  # a headline's capitalised copula
        ("a man who had", "a man who had"),  # the relative clause's verb is its own
    ],
)
def test_a_verb_cuts_the_clause_off_a_speaker(found: str, speaker: str) -> None:
    assert _plausible_speaker(found) == speaker


def test_an_apposition_left_open_before_the_verb_still_names_the_subject() -> None:
    text = "Ana Ruiz, the spokeswoman for the Harbor Party said on Friday. “There is no recount.”"
    assert speakers(text) == ["Ana Ruiz"]
    # A phrase before the comma that is no name leaves the noun phrase after it.
    text = "Speaking on Harbor Radio, the party chair said “There is no recount.”"
    assert speakers(text) == ["the party chair"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A second source speaking to the Courier said, “They are looking.”", "A second source"),
        ("A man standing at the back said, “They are looking.”", "A man"),
        ("Farmers driving across the bridge shouted, “Open the gates!”", "Farmers"),
        # A clause before the participle: its subject, not the object.
        ("The film shows Zed wanting to stay and has a guard asking, “For what?”", "The film"),
    ],
)
def test_a_participle_phrase_between_subject_and_verb_is_skipped(
    sentence: str, speaker: str
) -> None:
    assert speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Ruiz supporters responded with cries of “Four more years.”", "Ruiz supporters"),
        ("Ruiz wants the plan dropped, saying “It is over.”", "Ruiz"),
    ],
)
def test_a_capitalised_word_opening_a_sentence_before_a_plural_is_no_name(
    sentence: str, speaker: str
) -> None:
    assert speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A phrase, an adverb, a verb with its reflexive or alone: no part of the name.
        ("Orla after a short silence said, “Why did you not call?”", "Orla"),
        ("Her hands shook. “I know it,” Orla very quietly replied.", "Orla"),
        ("“Quite a few of them,” Søren forced himself to say.", "Søren"),
        ("“It is not the cellar really,” Étienne hastened to explain.", "Étienne"),
        # A verb in the past and its object: "issued a statement" is what the name did.
        ("On Monday, Ørsted issued a statement saying that this ruling was “a scandal.”", "Ørsted"),
        # Words that go on the noun stay: a body of people, not the capitalised word.
        ("“We will vote no,” Senate leaders said.", "Senate leaders"),
        ("Officials at the embassy said “nothing happened.”", "Officials at the embassy"),
    ],
)
def test_name_before_words_that_end_its_noun_phrase(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # Whom the words are said to, and what the speaker does meanwhile, describe nobody.
        ("“Well, well,” said the bosun to himself, “this is odd.”", "the bosun"),
        ("“Here,” said the nurse supporting her, “sit down.”", "the nurse"),
        ("“Come here,” said his wife steadying him.", "his wife"),
        # A description's own phrase stays.
        (
            "“We will not sell,” said a spokeswoman for the Harbor Trust.",
            "a spokeswoman for the Harbor Trust",
        ),
        ("“No,” said an aide representing the mayor.", "an aide representing the mayor"),
        ("“No,” said an aide representing Mayor Ruiz.", "an aide representing Mayor Ruiz"),
        # A name ending in "-ing" is no participle.
        ("“It is over,” said Gen. Tom Fleming Jr.", "Gen. Tom Fleming Jr"),
        ("“It is over,” said the late Stirling Moss.", "the late Stirling Moss"),
    ],
)
def test_description_after_the_verb_ends_before_an_object_or_action(
    text: str, speaker: str
) -> None:
    assert speakers(text)[0] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The region set off after a place is no subject; the one after it is.
        (
            "Speaking at a rally in Salem, New Hampshire, Vance went after Ruiz, calling him "
            "“a hopeless bore.”",
            "Vance",
        ),
        (
            "At a forum in Bend, Ore., the Zürich graduate closed her talk by quoting "
            "a proverb: “Slow rivers cut deep valleys.”",
            "the Zürich graduate",
        ),
        # A person set off after a title stays the subject.
        (
            "Hale’s Secretary of State, Marguerite Osei, called the plan “unworkable.”",
            "Marguerite Osei",
        ),
        # One plain word set off after a place may be a person: guards.
        ("At a rally in Ohio, Vance, the senator, called the plan “unworkable.”", "Vance"),
        ("Speaking to Fox News, Ruiz, a Democrat, called the plan “unworkable.”", "Ruiz"),
    ],
)
def test_a_region_after_a_place_is_no_subject(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A compass word after a first name is a surname, not a region.
        ("Marta West, a professor at Leeds, called it “a significant development.”", "Marta West"),
        # An apposition the writer did not close, before the verb or after the words.
        (
            "Ana Løvlie, president and CEO of the Harbor Trust stated, “It is a math problem.”",
            "Ana Løvlie",
        ),
        (
            "“We need a strategy,” Nate Lund, the pollster who founded the site tweeted on Monday.",
            "Nate Lund",
        ),
    ],
)
def test_the_name_before_an_apposition_is_the_subject(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The end of an aside is no one's name; the name before the aside is.
        (
            "Sen. Ron Ødegård (R-Neb.) kept asking her how the agency had tied it to "
            "“unplanned” rallies.",
            "Sen. Ron Ødegård",
        ),
        # A lone article names no one: the words go on with the report before them.
        (
            "Varga dismissed the matter, calling it a “filing slip” that was covered in a "
            "“smear job” by the Ledger.",
            "Varga",
        ),
    ],
)
def test_fragments_of_a_clause_are_no_speaker(text: str, speaker: str) -> None:
    assert speakers(text)[-1] == speaker


def test_a_name_coordinated_before_the_noun_phrase_is_part_of_the_source() -> None:
    text = "Against Øster and other Democrats who claim that “failure is not an option”, we vote."
    assert speakers(text) == ["Øster and other Democrats"]
    # Not another conjunction, nor the word that opens the sentence: guards.
    text = "They criticised Ruiz but other Democrats who claim that “failure is not an option” won."
    assert speakers(text) == ["other Democrats"]
    text = "Like Øster and other Democrats who claim that “failure is not an option”, we vote."
    assert speakers(text) == ["other Democrats"]


def test_the_people_a_text_lets_speak_are_the_names_beside_its_reporting_verbs() -> None:
    text = (
        "“Late again,” said Mrs. Ólafsdóttir. Brann answered nothing.\n"
        "New Jersey Gov. Ana Ruiz said, “So it is.” Hallam Gate was dark; Mr. Ferro slept. "
        "Far from any quotation, as the night went on and the rain came down, Ida Berg said so."
    )
    quotes = [(text.index(q), text.index(q) + len(q)) for q in ("“Late again,”", "“So it is.”")]
    assert _tagged_words(text, quotes) == {"Ólafsdóttir", "Brann", "Ana", "Ruiz"}


def test_place_names_are_runs_after_in_that_end_a_phrase() -> None:
    text = (
        "He lived in Upper Valdoria for years; fans in Ana Ruiz buttons came into Port Elm.\n"
        "She slept in Mr. Bo’s house, then in Nørre Vik and across Lake Tåme, where it rained."
    )
    assert _place_names(text) == {"Upper Valdoria", "Port Elm", "Nørre Vik", "Lake Tåme"}


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("When supper was ready she came down the stairs, ", "she"),
        ("After Ilse left the room he ", "he"),
        # Guards: a comma that sets the clause off leaves the subject after it.
        ("When she saw that he was ready, Ilse Varga ", "Ilse Varga"),
        ("When he got home, she ", "she"),
    ],
)
def test_the_subject_after_an_opening_clause_no_comma_sets_off(sentence: str, subject: str) -> None:
    assert _leading_np(sentence, 0, len(sentence)) == subject


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("The next day, her campaign website ", "her campaign website"),
        ("Last week Zoë Ørsted ", "Zoë Ørsted"),
        # Guard: a time phrase that is the subject stays it.
        ("That evening was ", "That evening"),
        # An adverb before a preposition or a subordinator opens the phrase.
        ("Shortly after the vote ended, Zoë Ørsted ", "Zoë Ørsted"),
        ("Early in the day, Zoë Ørsted ", "Zoë Ørsted"),
        # Guards: a name in -ly stays the subject where no comma sets a phrase off.
        ("Kelly in her office ", "Kelly in her office"),
        ("Kelly, in her office, ", "Kelly"),
    ],
)
def test_a_time_phrase_opening_a_sentence_is_not_its_subject(sentence: str, subject: str) -> None:
    assert _leading_np(sentence, 0, len(sentence)) == subject


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Former prosecutor and Lagos State Governor Tunde Ọlá, who backs the bill, called "
            "it a “disgrace” on the radio.",
            "Tunde Ọlá",
        ),
        ("Former teacher and city councillor Anna Berg said it was “a blunder.”", "Anna Berg"),
        # Guard: one role, then the name.
        ("Former prosecutor Tunde Ọlá called it a “disgrace” on the radio.", "Tunde Ọlá"),
    ],
)
def test_two_roles_joined_by_and_name_one_person(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


def test_a_paragraph_saying_what_a_name_did_gives_the_next_words_to_it() -> None:
    text = "“It is late,” Ruiz said.\n\nRuiz continued his angry remarks.\n\n“We are not done.”"
    assert speakers(text) == ["Ruiz", "Ruiz"]


def test_a_titled_persons_thing_is_not_a_person() -> None:
    text = (
        "The clerk read the charge.\n\nLady Morrow’s questioning began at once.\n\n"
        "“Where were you on Sunday?”\n\n“At home.”"
    )
    assert speakers(text) == [None, None]
    assert _is_person_run("Mr. and Mrs. Hale") and not _is_person_run("Sir Alec’s questioning")
    # The voice of a titled person is still theirs.
    text = "“Where were you on Sunday?” Lady Morrow’s voice called from the hall."
    assert speakers(text) == ["Lady Morrow"]


def test_a_name_called_in_the_next_words_is_no_apposition_of_the_tag() -> None:
    text = "“How rude of you, Tom!” cried the aunt. “Isn’t it, Mr. Fenwick? Say so.”"
    assert speakers(text) == ["the aunt", "the aunt"]
    # A name after a comma of the tag's own clause is.
    text = "“We will win,” said the club secretary, Pauline Rourke."
    assert speakers(text) == ["Pauline Rourke"]


def test_a_name_s_own_pronoun_is_not_an_object_nor_in_a_relative_clause_s_phrase() -> None:
    from datapkg.segment.lexicon import _GENDERED_RE
    from datapkg.segment.names import _may_be_own

    def own(text: str) -> bool:
        end = text.index(",") if "," in text else text.index(" ")
        m = _GENDERED_RE.search(text, end)
        assert m is not None
        return _may_be_own(text, end, m)

    assert own("Gaskell had sold her house")
    assert not own("Ruiz thanked her warmly")
    assert not own("Ruiz met her and left")
    assert not own("Ruiz sat with him")
    assert not own("Ruiz, who spoke of them as proof of her skill")
    assert own("Ruiz, who lost her job")


def test_a_phrase_or_a_thing_of_someones_is_no_one_a_pronoun_means() -> None:
    from datapkg.segment.names import _personish

    assert _personish("Ana Ruiz") and _personish("the old man")
    assert not _personish("With the letter")
    assert not _personish("Ana Ruiz’s book")


def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_after_it() -> None:
    from datapkg.segment.names import _strip_leading_function_words

    assert _strip_leading_function_words("Presently Ana Moss") == "Ana Moss"
    assert _strip_leading_function_words("Presently") == "Presently"
    text = "Presently Ana came in and sat down.\n\n“It is late,” she said."
    assert speakers(text) != ["Presently Ana"]


def test_a_plural_noun_before_its_verb_heads_the_subject() -> None:
    text = (
        "In May, three regional unions gave Mr. Lee more time, saying his "
        "“plan was better than feared.”"
    )
    assert speakers(text) == ["three regional unions"]


def test_a_clause_after_an_ellipsis_is_no_speaker() -> None:
    assert _plausible_speaker("… what I") is None
    assert _plausible_speaker("what she") is None
    assert _plausible_speaker("… Ana Lee") == "Ana Lee"


def test_a_conjunction_opening_a_participle_clause_is_no_subject() -> None:
    text = (
        "Ana Ruiz called the office. After saying the road was “too icy to drive,” she stayed "
        "at home."
    )
    assert speakers(text) != ["After"]


def test_the_one_heard_saying_the_words_is_their_speaker() -> None:
    assert speakers("“We are late,” Ana Ruiz heard Tom Lee say.") == ["Tom Lee"]


@pytest.mark.parametrize(
    ("picked", "mention"),
    [
        ("called the two men politely. Ivo Marsh", "Ivo Marsh"),  # a sentence ended before it
        ('Ana Ruiz "was', "Ana Ruiz"),  # a double mark and what follows it
        ("Gov. Ana Ruiz —", "Gov. Ana Ruiz"),  # a dash at its end
        ("(for Mrs. Lund first", "for Mrs. Lund first"),  # a bracket at its start
        ("(", None),  # nothing left
        ("24", None),  # no letter
        ("Mr. Ivo B. Marsh", "Mr. Ivo B. Marsh"),  # abbreviations and initials stay
        ("the words of a ‘Harbor advisor’", "the words of a ‘Harbor advisor’"),  # single marks too
        ("O’Hara", "O’Hara"),
    ],
)
def test_a_speakers_mention_holds_no_sentence_end_double_mark_or_dangling_dash(
    picked: str, mention: str | None
) -> None:
    assert _tidied(picked) == mention
