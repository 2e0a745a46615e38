"""Reporting cues before and after a quotation, and the speaker each names."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from segmenting import Q, quotes, speakers


def test_speaker_before_with_colon() -> None:
    text = "Union leader Amara Reyes said: “We will strike if we have to.”"
    [(_, q)] = quotes(text)
    assert q.speaker == "Amara Reyes" and q.cue == "said"


def test_speaker_after() -> None:
    [(_, q)] = quotes("“The line will reopen next spring,” Okafor declared.")
    assert (q.speaker, q.cue) == ("Okafor", "declared")


def test_speaker_inverted_after() -> None:
    [(_, q)] = quotes("“Nobody asked us,” says Mrs Patel.")
    assert (q.speaker, q.cue) == ("Mrs Patel", "says")


def test_a_bare_tag_attributes_without_a_comma_at_the_closing_mark() -> None:
    text = "“The primary is a contest of grudges” Pelham said. “The rest is weather.”"
    assert speakers(text) == ["Pelham", "Pelham"]
    [(_, q)] = quotes("“I hope you find the letters.” Tomás Ibáñez said on Friday.")
    assert (q.speaker, q.cue) == ("Tomás Ibáñez", "said")


def test_a_sentence_after_a_full_stop_is_no_tag_unless_it_only_says_who_spoke() -> None:
    # Words of its own after the verb: a new sentence, which reports something else.
    [(_, q)] = quotes("Ruiz spoke first. “We will win.” Ana Moss said the polls were wrong.")
    assert q.speaker != "Ana Moss"
    # An act, not a tag: a manner verb, or a verb towards someone or something.
    text = "Ana Moss came in. “It is over, now;” Nell sighed. “Yes,” said Ana Moss."
    assert speakers(text)[0] != "Nell"
    text = "Ana Moss came in. “They are waiting for us.” Mrs. Pardoe agreed to it."
    assert speakers(text)[0] != "Mrs. Pardoe"


def test_the_cue_offsets_point_at_the_verb_attribution_found() -> None:
    # Another "said" stands nearer the quotation; its own is the first one.
    text = "Ann Ruiz said, late on the third night of talks, that it was “dead.” Bo said nothing."
    [(_, q)] = quotes(text)
    assert (q.cue, q.cue_char_start) == ("said", text.index("said"))
    text = "“The primary is a contest of grudges” Pelham said. “The rest, all of it, is weather.”"
    assert [q.cue_char_start for _, q in quotes(text)] == [text.index("said")] * 2


def test_a_participle_after_a_speech_tag_goes_with_the_tag_subject() -> None:
    text = (
        "The mayor will lean on her “outsider badge,” Zofia Nowak said, adding that the best "
        "answer to it “is to question her budgets.”"
    )
    assert speakers(text) == ["Zofia Nowak", "Zofia Nowak"]
    text = "The fees are shameful, Marchetti said Tuesday in Turin, noting they “hurt the poorest.”"
    assert speakers(text) == ["Marchetti"]
    # A noun among the reporting verbs ("comments") is no tag; nor a verb with its object.
    text = "Ana Weaver was not moved by Dumas’ comments Monday, telling reporters, “Never.”"
    assert speakers(text) == ["Ana Weaver"]


def test_a_name_set_off_after_an_object_is_not_the_participle_subject() -> None:
    text = (
        "Sen. Ann Ruiz (D-Ohio) visited the studio to discuss her remarks about her rival, "
        "Bo Lind, saying “on his worst day” he would be “a better mayor” than any of them."
    )
    assert speakers(text) == ["Sen. Ann Ruiz", "Sen. Ann Ruiz"]
    text = (
        "Two days later, on 2 April, Varga’s Secretary of State, Dagny Rask, voiced the "
        "administration’s irritation, saying the people are “losing patience”."
    )
    assert speakers(text) == ["Dagny Rask"]


def test_a_speech_tag_set_off_inside_its_sentence_names_the_speaker() -> None:
    text = (
        "The puzzle of Greta, says Owen Falkner, archivist at the museum, is that she "
        "was “among the quietest reformers of her age.”"
    )
    assert speakers(text) == ["Owen Falkner"]
    assert speakers("The plan, says Ana Ruiz, is “dead on arrival.”") == ["Ana Ruiz"]
    # A verb with an object is no such tag: whom it was told to is not who spoke.
    text = (
        "Bo Zimmer, who lives nearby, told the Harlow Gazette that the lot was never "
        "“built for such crowds.”"
    )
    assert speakers(text) == ["Bo Zimmer"]


def test_a_participle_phrase_sets_off_the_subject_before_it() -> None:
    text = "Halvorsen, speaking to farmers, said, “Last I checked, the harvest was not in yet.”"
    assert speakers(text) == ["Halvorsen"]


def test_speaker_around_two_part_quotation() -> None:
    got = quotes("“First we lose the bus,” says Mr Dunn, “then we lose the school.”")
    assert [q.speaker for _, q in got] == ["Mr Dunn", "Mr Dunn"]


def test_according_to() -> None:
    [(_, q)] = quotes("According to the Western Gazette, “the deal has run aground for good.”")
    assert (q.speaker, q.cue) == ("the Western Gazette", "according to".capitalize())


def test_go_on_is_a_cue_only_before_to_or_a_colon() -> None:
    text = (
        "It was a festival that the council has promised will go on "
        "‘until the last band has played’."
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("the council", "promised")


def test_habit_before_the_reporting_verb() -> None:
    [(_, q)] = quotes("My aunt used to say, “Mend it, don’t bin it.”")
    assert (q.speaker, q.cue) == ("My aunt", "say")


def test_coordinated_verbs_share_their_subject() -> None:
    text = "Somebody’s uncle stood up at the back and shouted, “Louder, please!”"
    assert speakers(text) == ["Somebody’s uncle"]
    text = (
        "Ivo Brandt runs the ferry. He put down his coffee, looked at the sky and said, "
        "“Not today.”"
    )
    assert speakers(text) == ["Ivo Brandt"]


def test_what_someone_calls_is_their_phrase() -> None:
    text = "Most of it goes on what Dana Cole calls ‘the paperwork mountain’ every week."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Dana Cole")


def test_what_people_described_call_is_their_phrase() -> None:
    text = "The panel looked into what several lawmakers called “fraud” at the bank."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "several lawmakers")
    # Not what a thing or a group of things is called.
    [(_, q)] = quotes("The files called “drafts” were lost.")
    assert q.kind is Q.SCARE


def test_called_with_a_subject_reports_words() -> None:
    [(_, q)] = quotes("The mayor called the budget “a fantasy.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "The mayor", "called")
    # "that" as the object's determiner: what the mayor called that report.
    [(_, q)] = quotes("The mayor called that report on Friday a “fantasy.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "The mayor", "called")
    # Other naming verbs, with the object between them and the words.
    [(_, q)] = quotes("The mayor branded the budget a “fantasy.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "The mayor", "branded")
    [(_, q)] = quotes("It was Moss, who Ruiz dubbed “the little senator.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "Ruiz", "dubbed")
    got = quotes("They call it ‘the pit’. The east room is still called the ‘old wing’.")
    assert [q.kind for _, q in got] == [Q.SCARE, Q.SCARE]


def test_short_quotation_in_a_that_clause_is_reported() -> None:
    [(_, q)] = quotes("The firm told staff last week that the move was ‘temporary’.")
    assert (q.kind, q.speaker) == (Q.DIRECT, "The firm")
    text = 'Others claim that "nothing will change", but we insist that "failure" is likely.'
    assert [q.kind for _, q in quotes(text)] == [Q.DIRECT, Q.SCARE]


def test_short_quotation_reported_by_a_subject_set_off_by_asides() -> None:
    # The subject the verb's own search misses is the sentence's leading noun phrase.
    text = "A week later, however, Zoë Ibáñez said she was “open” to a deal."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "Zoë Ibáñez", "said")
    text = "Supporters of the plan, however, say it could turn the board into a “referee.”"
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Supporters of the plan")
    # A participle reports nothing said: the word is the writer's.
    [(_, q)] = quotes("But this, written before the “declaration”, explores the crisis.")
    assert q.kind is Q.SCARE


def test_short_quotation_after_whom_it_was_told_to_and_a_comma_is_reported() -> None:
    [(_, q)] = quotes("Htay Oo told the wire service simply, “It is over.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "Htay Oo", "told")
    text = "The pickets chanted back at him, “Pay us now,” and “Open the books.”"
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "The pickets")] * 2


def test_short_quotation_after_an_article_or_aside_is_reported() -> None:
    [(_, q)] = quotes("The minister promised a ‘rethink’ on Monday.")
    assert (q.kind, q.speaker) == (Q.DIRECT, "The minister")
    [(_, q)] = quotes("The banner reads, in huge letters, “NOT FOR SALE.”")
    assert q.kind is Q.DIRECT
    text = "Aya Mori spoke briefly. Sales, she said, had “fallen off a cliff” since May."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Aya Mori")


def test_participle_after_an_article_is_an_adjective() -> None:
    [(_, q)] = quotes("Shops shut during the newly declared ‘emergency’ last night.")
    assert q.kind is Q.SCARE


def test_passive_report_has_no_speaker_unless_by_someone() -> None:
    text = (
        "When he phoned the council, he was told that the form was ‘in the system’ "
        "and that he should ‘wait for a letter’."
    )
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, None)] * 2
    text = (
        "Afterwards I was told by a senior nurse - a kind woman - that this was “not our problem.”"
    )
    assert speakers(text) == ["a senior nurse"]


def test_cue_followed_by_a_colon_introduces_the_next_quotation() -> None:
    text = 'Rob Dean, when asked if the deal was "dead in the water", replied: "Not yet."'
    assert speakers(text) == [None, "Rob Dean"]


def test_participle_cue_subject() -> None:
    text = "It sent a letter from an official saying “no further action will be taken.”"
    assert speakers(text) == ["an official"]
    text = "The agency has spent months insisting that its figures are “accurate.”"
    assert speakers(text) == ["The agency"]
    # The "him" or "her" a participle follows is who says it: the one heard.
    text = (
        "Mr. Okoro came to the window. For a while nobody moved, and Ada was still, till she "
        "felt his arm on hers, and heard him softly saying, “All will be well.”"
    )
    assert speakers(text) == ["Mr. Okoro"]
    # Not after a comma: that participle is the subject's.
    text = "Ada Lind turned from Mr. Okoro and looked at him, saying, “Time will mend it.”"
    assert speakers(text) == ["Ada Lind"]


def test_reporting_clause_without_a_quotation_still_names_a_speaker() -> None:
    text = (
        "Angus Beattie chairs the trust. One nurse, who asked not to be named, said the word "
        "‘crisis’ was overused. “We are just tired,” she said."
    )
    assert speakers(text)[-1] == "One nurse"


def test_according_to_a_longer_phrase() -> None:
    text = "According to one driver with the night shift who spoke to us: “The buses are empty.”"
    assert speakers(text) == ["one driver with the night shift"]


def test_cue_in_brackets_is_an_aside() -> None:
    text = (
        "Jo Park, the chair, replied on Monday, saying that the members (read: the board) "
        "are “losing patience”."
    )
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Jo Park")


def test_a_reporting_phrase_is_a_cue_after_a_quotation_as_before_it() -> None:
    # One list of reporting verbs and phrases makes both cues: they cannot drift apart.
    [(_, after)] = quotes("“We will not resign,” the minister made clear.")
    [(_, before)] = quotes("The minister made clear: “We will not resign before the vote.”")
    assert (after.speaker, after.cue) == ("the minister", "made clear")
    assert (before.speaker, before.cue) == ("The minister", "made clear")


def test_reports_is_a_cue_before_that_or_a_colon_only() -> None:
    [(_, q)] = quotes("The Courier reports that the mayor wants it “kept under wraps.”")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "The Courier", "reports")
    [(_, q)] = quotes("The Courier reports: “The mayor has resigned after the vote.”")
    assert (q.speaker, q.cue) == ("The Courier", "reports")
    # A noun otherwise: the reports are no one's words.
    [(_, q)] = quotes("The reports “kept under wraps” were found.")
    assert q.cue is None


def test_a_reporting_noun_after_a_possessive_gives_way_to_a_verb_before_it() -> None:
    [(_, q)] = quotes("Ana Ruiz called Abel Moss’s remarks on Friday a “new low.”")
    assert (q.speaker, q.cue) == ("Ana Ruiz", "called")
    [(_, q)] = quotes("The council said Moss’s comments “are not based on facts.”")
    assert (q.speaker, q.cue) == ("The council", "said")
    # With no verb before it, or before "that", the words are the owner's.
    [(_, q)] = quotes("Abel Moss’s claim that crime is up “by a third” was false.")
    assert q.cue == "claim"
    [(_, q)] = quotes("It was settled by Mrs. Ruiz’s saying, “Five of you will go.”")
    assert (q.speaker, q.cue) == ("Mrs. Ruiz", "saying")


def test_in_the_words_of_names_the_source_after_it() -> None:
    [(_, q)] = quotes("In the words of Ann Lee: “We will go there tomorrow morning.”")
    assert (q.speaker, q.cue) == ("Ann Lee", "In the words of")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We will not resign,” Rep. Ana Ruiz (D-Ohio) said on Friday.", "Rep. Ana Ruiz"),
        ("“It was cold that winter,” Abel Moss, 92, said.", "Abel Moss"),
        (
            "“Rates stay tight for now,” Dana Ortiz, chief economist at Harbor Bank, said.",
            "Dana Ortiz",
        ),
        ("“We saw nothing of the sort,” Søren Ølgaard, a farmer, told reporters.", "Søren Ølgaard"),
    ],
)
def test_a_subject_after_the_quotation_may_carry_a_party_an_age_or_an_apposition(
    text: str, speaker: str
) -> None:
    [(_, q)] = quotes(text)
    assert q.speaker == speaker


def test_an_abbreviated_title_does_not_end_the_name() -> None:
    [(_, q)] = quotes("“This is a poor use of our money,” said Gov. Lena Marsh.")
    assert q.speaker == "Gov. Lena Marsh"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Heavens, what a night!” exclaimed Nora Quill.", "Nora Quill"),
        ("“You are late again,” retorted Mrs. Ebbing.", "Mrs. Ebbing"),
        ("“It is nothing at all,” murmured Zélie.", "Zélie"),
    ],
)
def test_verbs_of_speech_in_fiction_are_cues(text: str, speaker: str) -> None:
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, speaker)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Oh, do stop now,” said Ines lightly.", "Ines"),
        ("“Pretty dear,” said Mrs. Moray to the cat.", "Mrs. Moray"),
        ("“I think not,” said Mr Quarles as he left.", "Mr Quarles"),
        ("“The history of all society,” wrote Marx and Engels in 1848.", "Marx and Engels"),
    ],
)
def test_the_subject_after_the_verb_ends_before_an_adverb_or_a_preposition(
    text: str, speaker: str
) -> None:
    [(_, q)] = quotes(text)
    assert q.speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“I do not find the game fair,” Greta began, “and they argue so.”", "Greta", "began"),
        ("“Very true,” returned Émilie.", "Émilie", "returned"),
    ],
)
def test_verbs_that_report_speech_only_after_a_closing_mark(
    text: str, speaker: str, cue: str
) -> None:
    assert next((q.speaker, q.cue) for _, q in quotes(text)) == (speaker, cue)


def test_began_elsewhere_reports_nothing() -> None:
    [(_, q)] = quotes("She began “the long walk” at dawn, alone.")
    assert q.cue != "began"


def test_a_lower_case_pronoun_after_an_exclamation_is_its_attribution() -> None:
    [(_, q)] = quotes("Ana Reyes turned. “Stop!” she cried.")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "Ana Reyes", "cried")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Our children are thriving,” the letter reads.", "the letter"),
        (
            # The whole subject is read; the speaker is the person it names.
            "“She is the only candidate,” retired Coast Guard admiral Miles Okafor said.",
            "Miles Okafor",
        ),
        (
            "“Why did he not pay?” a narrator in the campaign advert asks.",
            "a narrator in the campaign advert",
        ),
    ],
)
def test_longer_subjects_and_documents_after_the_quotation(text: str, speaker: str) -> None:
    [(_, q)] = quotes(text)
    assert q.speaker == speaker


def test_a_participle_cue_after_quoted_words_shares_their_subject() -> None:
    text = "“We see no pattern,” the sheriff said, adding that it could take “some days” to know."
    assert speakers(text) == ["the sheriff", "the sheriff"]


def test_i_after_a_question_or_an_exclamation_is_a_tag_when_a_listed_verb_follows() -> None:
    # "I" has its capital anywhere, so the capital does not open a sentence there.
    [(_, q)] = quotes("“Did the ferry run late for Dr. Šimek?” I asked, forcing a grin.")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "I", "asked")
    [(_, q)] = quotes("“Look out!” I shouted.")
    assert (q.speaker, q.cue) == ("I", "shouted")
    # Another verb after "I" is a new sentence, not a tag.
    [(_, q)] = quotes("“Look out!” I jumped back from the kerb.")
    assert q.cue is None


def test_a_capitalised_pronoun_after_a_question_opens_a_new_sentence() -> None:
    text = "He asks me, “Have they fixed it yet?” I’m running out of ways to say no."
    [(_, q)] = quotes(text)
    assert q.cue != "say"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Quite so,” agreed Mrs. Penhallow.", "Mrs. Penhallow"),
        ("“Is the pony still lame?” called Lucien from the gate.", "Lucien"),
        ("“Been chucked?” asked Tonio again.", "Tonio"),
        ("“She will not,” shouted Mrs. Pelham against the rising din.", "Mrs. Pelham"),
    ],
)
def test_fiction_tags_with_a_verb_and_what_follows_the_name(text: str, speaker: str) -> None:
    [(_, q)] = quotes(text)
    assert q.speaker == speaker


def test_a_capitalised_cue_word_inside_a_name_is_no_cue() -> None:
    text = (
        "Ruiz also said in her book that the United States itself had turned into “a storeroom "
        "for everyone else’s problems.”"
    )
    assert speakers(text) == ["Ruiz"]


def test_a_cue_word_after_a_determiner_is_a_noun() -> None:
    text = (
        "Ruiz said on Thursday in Albany, New York, that many states may set local rules because "
        "“the voters know best.”"
    )
    assert speakers(text) == ["Ruiz"]


def test_the_name_after_an_inverted_cue_ends_before_a_verb_or_a_preposition() -> None:
    text = "“Then why must you keep us waiting so?” replied Perpetua noticing that he lingered."
    assert speakers(text) == ["Perpetua"]
    text = "“He had better,” said Sikorski with a glance at the door."
    assert speakers(text) == ["Sikorski"]
    text = "“We will win,” said Vance campaign manager Robby Ostrowski."
    assert speakers(text)[0].endswith("Robby Ostrowski")  # the name after the role words


def test_a_possessive_after_an_inverted_cue_names_someone() -> None:
    text = "“Well, of course,” said her brother, quite solemnly, “that would change everything.”"
    assert speakers(text)[0] == "her brother"
    text = "“Go home,” she told him."
    assert speakers(text) != ["him"]


@pytest.mark.parametrize("verb", ["announcing", "confirming", "suggesting", "urging"])
def test_the_participles_news_reports_with_are_cues(verb: str) -> None:
    text = f"Renée Vos published the figures, {verb} that the rise was “only the start.”"
    assert [(q.kind, q.speaker, q.cue) for _, q in quotes(text)] == [("direct", "Renée Vos", verb)]


def test_the_plain_present_of_a_reporting_verb_is_a_cue() -> None:
    text = "Veteran tailors describe such orders as “a different kettle of fish” this season."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker, q.cue) == ("direct", "Veteran tailors", "describe")


def test_a_clause_picked_up_as_a_speaker_is_nobody() -> None:
    text = (
        "Ruiz spoke for an hour on Friday, calling the plan “a betrayal of every promise we made.”"
    )
    assert speakers(text) == ["Ruiz"]
    text = "“We are closed for the season,” he also said."
    assert speakers(text) != ["he also"]


@pytest.mark.parametrize("verb", ["barked", "joked", "pledged", "emphasized", "blurted"])
def test_verbs_of_speech_attested_in_annotated_text_are_cues(verb: str) -> None:
    text = f"“Nobody leaves before the vote,” Ines Varga {verb}."
    assert [(q.kind, q.speaker, q.cue) for _, q in quotes(text)] == [("direct", "Ines Varga", verb)]


@pytest.mark.parametrize("verb", ["charged", "reiterated", "elaborated"])
def test_verbs_of_news_attested_in_annotated_text_are_cues_before_the_words(verb: str) -> None:
    text = f"Ines Varga {verb} that the plan was “a fraud from the start.”"
    assert [(q.kind, q.speaker, q.cue) for _, q in quotes(text)] == [("direct", "Ines Varga", verb)]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("As the columnist Åsa Lind puts it, “The council is unmoved.”", "puts it"),
        ("When Greene criticized the plan, Åsa Lind shot back, “You wrote it.”", "shot back"),
        ("Åsa Lind testified that the order was “never written down.”", "testified"),
    ],
)
def test_phrases_and_verbs_of_speech_in_news(text: str, cue: str) -> None:
    [(_, q)] = quotes(text)
    assert (q.kind, q.cue) == (Q.DIRECT, cue) and q.speaker is not None
    assert q.speaker.endswith("Åsa Lind")


@pytest.mark.parametrize("verb", ["asserts", "speculates", "asserted"])
def test_a_verb_of_speech_in_the_present_reports_a_that_clause(verb: str) -> None:
    text = f"Ines Varga {verb} that the region is “falling apart.”"
    assert [(q.kind, q.speaker, q.cue) for _, q in quotes(text)] == [("direct", "Ines Varga", verb)]


@pytest.mark.parametrize(
    "ending",
    [
        ", said Ines Varga, who founded the party.",
        ", Ines Varga said.",
        ", Ines Varga said on Monday.",
        ", said Ines Varga when asked about it.",
        ", Ines Varga said on Monday in a message to the congress.",
        ", Ines Varga said in Łódź, noting the turnout.",
    ],
)
def test_an_attribution_ending_the_sentence_names_a_quotation_inside_it(ending: str) -> None:
    """A partial quotation mid-sentence, attributed where the sentence ends."""
    text = f"The ruling signals “the start of a slow decline” for the league{ending}"
    assert [(q.speaker, q.cue) for _, q in quotes(text)] == [("Ines Varga", "said")]


def test_a_verb_with_a_clause_of_its_own_after_the_quotation_attributes_nothing() -> None:
    text = "The vote signals “the end” for the union, Ines Varga said she believed."
    assert [q.kind for _, q in quotes(text)] == ["scare"]


def test_according_to_a_description_ending_the_sentence_names_the_source() -> None:
    text = "The coach became “furious” once the reporters had gone, according to a source."
    assert [(q.speaker, q.cue) for _, q in quotes(text)] == [("a source", "according to")]


def test_a_reporting_verb_after_the_quotation_is_never_its_subjects_first_word() -> None:
    """ ", said Dan Reyes when asked": "said" is the cue and Dan Reyes its subject, not
    "said Dan Reyes when" the subject of "asked"."""
    text = "“Nobody is safe,” said Ohio voter Dan Reyes when asked about the bill."
    assert [(q.speaker, q.cue) for _, q in quotes(text)] == [("Ohio voter Dan Reyes", "said")]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("Ruiz accused the board of “bad faith” on Monday.", "Ruiz", "accused"),
        ("Ruiz blamed them for “a wasted decade.”", "Ruiz", "blamed"),
        ("Ruiz likened the plan to “a bad joke.”", "Ruiz", "likened"),
        ("Ruiz condemned the raids as “cruel.”", "Ruiz", "condemned"),
        ("Łucja Ruiz criticized the law as a “crazy system.”", "Łucja Ruiz", "criticized"),
        ("Ruiz likened the plan to an “old trick.”", "Ruiz", "likened"),
        ("Ruiz portrayed the deal as a “surrender.”", "Ruiz", "portrayed"),
        ("Ruiz described the tax as “theft.”", "Ruiz", "described"),
        ("Zoë Ruiz cast the vote as the “last chance.”", "Zoë Ruiz", "cast"),
    ],
)
def test_a_characterisation_reports_the_words_of_its_subject(
    text: str, speaker: str, cue: str
) -> None:
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "He was accused of “bad faith” by the board.",  # passive: whose words is elsewhere
        "Her praise for “the team” was loud.",  # a noun, not the verb
        "The attacks on the town as “a den of thieves” went on.",  # a plural noun
        "The play was cast as a “comedy” by the studio.",  # passive
    ],
)
def test_a_characterising_word_that_is_no_active_verb_reports_nothing(text: str) -> None:
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker, q.cue) == (Q.SCARE, None, None)


def test_a_participle_after_the_words_has_the_sentences_subject() -> None:
    # What follows "telling" is whom it was told to, not who told it.
    text = (
        "Tomás Ferro spoke in Lyon. Ferro hailed the vote as “fantastic,” telling reporters on "
        "Friday that it was “a great thing.”"
    )
    assert speakers(text) == ["Ferro", "Ferro"]


def test_the_words_of_a_statement_someone_issued_are_theirs() -> None:
    text = (
        "Harbor Rights issued a statement saying the group quit the march “because of the risk to "
        "its volunteers.”"
    )
    assert speakers(text) == ["Harbor Rights"]
    # A thing after a preposition is no verb's object: the words are the thing's.
    text = "Critics seized on a line in the study acknowledging that “most renters will move.”"
    assert speakers(text) == ["the study"]


def test_a_participle_after_words_that_hold_a_full_stop_keeps_the_speaker_before_them() -> None:
    text = (
        "Addressing a meeting on Friday, Karim al Hadi demanded an end to the raids, saying “We "
        "are not enemies. Anyone who attacks a neighbour is no neighbour”, adding “And he who "
        "does shall answer for it.”"
    )
    assert speakers(text) == ["Karim al Hadi", "Karim al Hadi"]


def test_any_past_tense_in_the_place_of_a_speech_tag_names_the_speaker() -> None:
    text = "“It is rest she needs,” interpreted Zoë. “Can you not tell?”"
    assert speakers(text) == ["Zoë", "Zoë"]
    text = "“You did it deliberately,” Fennick spluttered, as soon as he could breathe."
    assert speakers(text) == ["Fennick"]
    # Not a tag: a clause that goes on after a verb no list holds, or a verb and its object.
    text = "Ruiz described the flood as a “grim episode,” but held back from calling it deliberate."
    assert speakers(text) == ["Ruiz"]
    text = "Bemoaning the “phony system,” Ruiz accused Holt of bias."
    assert [q.cue for _, q in quotes(text)] != ["accused"]


def test_a_tag_verb_no_list_holds_runs_on_to_the_name_on_the_next_line() -> None:
    text = "They sat.\n\n“Oh, yes, ma,” spluttered\nTilda, “we did.”\n\nNobody answered."
    assert speakers(text) == ["Tilda", "Tilda"]


def test_an_adverb_before_the_verb_of_a_tag_is_not_its_subject() -> None:
    text = "“Well, and why should I care?” sharply demanded the landlady. “I cannot feed them all.”"
    assert speakers(text) == ["the landlady", "the landlady"]
    text = "“Oh! she shall not,” eagerly rejoined Mrs. Ólafsdóttir. “We will not allow it.”"
    assert speakers(text) == ["Mrs. Ólafsdóttir", "Mrs. Ólafsdóttir"]


def test_an_abbreviation_in_the_clause_does_not_end_it() -> None:
    text = "Lt. Gov. Dana Ruiz says Sen. Ted Okafor is “standing tall” despite the loss."
    [(_, q)] = quotes(text)
    assert (q.kind, q.cue) == (Q.DIRECT, "says")


def test_an_adverb_between_a_tags_subject_and_its_verb_is_not_the_subjects() -> None:
    assert speakers("“We live in a fallen world,” my father often said.") == ["my father"]


def test_a_description_after_the_verb_may_open_with_a_date_like_word() -> None:
    assert speakers("“They are mistaken,” said 9/11 widow Zoë Strada.") == ["9/11 widow Zoë Strada"]


def test_the_subject_of_an_objects_relative_clause_is_who_speaks() -> None:
    """ "Greene, who Ortiz called ..." is Ortiz's word for Greene, not Greene's; an adverbial
    after that subject is not part of it."""
    text = "Ana Greene, who Tomás Ortiz called “a reckless opportunist,” did not respond."
    assert speakers(text) == ["Tomás Ortiz"]
    text = "The levy, which Ortiz on Tuesday described as “a tax on the poor,” was dropped."
    assert speakers(text) == ["Ortiz"]
    # A capitalised "That" opens a sentence: no relative clause there.
    [(_, q)] = quotes("Ortiz spoke. That is why opponents say Ortiz would “scrap” the levy.")
    assert q.speaker != "That is why opponents"


def test_an_adverb_or_a_conjunction_before_the_subject_needs_no_comma() -> None:
    text = "Then Émile Durand cut into Ortiz, calling him a “coward” and left."
    assert speakers(text) == ["Émile Durand"]
    text = "But Ortiz hit back, calling the plan “a shameful retreat” on Monday."
    assert speakers(text) == ["Ortiz"]


def test_a_characterisation_may_say_being_or_having() -> None:
    [(_, q)] = quotes("Ruiz accused Øyvind Berg of being “out of touch” on Monday.")
    assert (q.kind, q.speaker, q.cue) == (Q.DIRECT, "Ruiz", "accused")


def test_short_words_after_reported_words_in_their_sentence_share_the_report() -> None:
    """A partial quotation further on in a reported clause is the same source's ("said the
    city “welcomes” a part in reviewing “deep failings”")."""
    text = "Ruiz said the city “welcomes” a federal part in reviewing “deep failings” here."
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "Ruiz")] * 2
    text = "Zoë Ruiz says her critics are running “vulgar” and “dishonest” campaigns against her."
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "Zoë Ruiz")] * 2


@pytest.mark.parametrize(
    "text",
    [
        # Another sentence.
        "Ruiz said the city “welcomes” a federal role. The “review” starts in May.",
        # A report of its own between: the author's word.
        "Rivals who claim that “failure is not an option” forget that we insist that "
        "“failure” is near.",
        # A mark inside a word.
        "Ruiz said the city “welcomes” it, unlike the fake-“reformers” of the left.",
    ],
)
def test_short_words_that_share_no_report_stay_apart(text: str) -> None:
    assert quotes(text)[-1][1].kind is Q.SCARE


def test_a_participle_after_a_comma_goes_with_the_sentences_subject() -> None:
    text = (
        "Ana Ruiz spoke on Tuesday about a death in Dayton, Ohio, arguing that such "
        "deaths are “unacceptable.”"
    )
    assert speakers(text) == ["Ana Ruiz"]
    # A person set off before the comma is the subject.
    text = (
        "Two days later, the minister, Zoë Okafor, voiced her irritation, saying that "
        "voters are “losing patience.”"
    )
    assert speakers(text) == ["Zoë Okafor"]


def test_an_opening_adverb_with_its_comma_is_no_subject() -> None:
    text = (
        "However, Ruiz’s agent said that was never her aim and dismissed the rumours as "
        "“stale gossip from a bad season.”"
    )
    assert speakers(text) == ["Ruiz’s agent"]


def test_going_on_about_words_reports_them() -> None:
    text = "Ruiz went on about “how unfair the judges were” for ten minutes."
    assert [(q.speaker, q.cue) for _, q in quotes(text)] == [("Ruiz", "went on")]


@pytest.mark.parametrize(
    "aside",
    [", 41,", ", 41, of Macon,", ", 41, of Macon, Ga., who took part in the survey,"],
)
def test_asides_between_a_tags_subject_and_its_verb_are_not_the_subject(aside: str) -> None:
    text = f"“Both of them scare me,” Harry Bönd{aside} said in an interview."
    assert speakers(text) == ["Harry Bönd"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A sentence adverb after the subject.
        ("Okonkwo however said he would back a “regional trade pact” here.", "Okonkwo"),
        # A participle's phrase before the subject.
        (
            "Reached by phone, Lindqvist denied it, explaining that he was “visiting his sister.”",
            "Lindqvist",
        ),
        # A phrase of comparison before the subject.
        (
            "Like Haskell, Núñez rejected it, arguing there is “wiggle room” in the statute.",
            "Núñez",
        ),
    ],
)
def test_what_opens_or_follows_a_subject_is_not_part_of_it(text: str, speaker: str) -> None:
    assert speakers(text) == [speaker]


def test_a_cue_and_article_at_a_line_end_go_on_with_the_name() -> None:
    text = "“So come along, all of you,” said the\nCollector, trying to laugh."
    [(_, q)] = quotes(text)
    assert q.speaker == "the Collector"


def test_a_double_hyphen_joins_the_attribution_to_the_quotation() -> None:
    text = "Nora Vance came in.\n\n“Now,”--said Nora, “tell me.”\n\n“No, no,”--she gravely replied."
    assert speakers(text) == ["Nora", "Nora", "Nora"]


def test_an_adverb_before_the_subject_of_a_tag() -> None:
    text = "Nora Vance came in.\n\n“Run and fetch her,” suddenly she exclaimed."
    assert speakers(text) == ["Nora Vance"]


def test_a_pronoun_and_an_auxiliary_before_the_verb_is_the_pronoun() -> None:
    assert speakers("Mr. Fenby came in.\n\n“A neat trick,” I could hardly help admitting.") == ["I"]


def test_a_sentence_with_its_own_subject_after_an_exclamation_is_no_tag() -> None:
    text = "Tobin, who had not heard, said “Eh!” Then he rubbed his chin twice and said, “Not yet.”"
    assert speakers(text) == ["Tobin", "Tobin"]


def test_a_naming_verb_reports_words_a_few_words_after_its_object() -> None:
    got = quotes("Pruitt called both Dalton and his rival Ann Ruiz “crazy” and left the room.")
    assert [(q.kind, q.speaker) for _, q in got] == [(Q.DIRECT, "Pruitt")]


def test_a_partial_quotation_deep_in_a_reported_clause_is_reported() -> None:
    text = (
        "Brannock also said the board's handling of the whole zoning row has "
        "created at least a “lingering doubt” about fairness."
    )
    got = quotes(text)
    assert [(q.kind, q.speaker) for _, q in got] == [(Q.DIRECT, "Brannock")]


def test_a_naming_verb_followed_by_another_verb_names_nothing() -> None:
    """Within the words a naming verb's object may take, "to" and "that" show another verb."""
    [(_, q)] = quotes("Ada Moss called on the members to be “tightly organised”.")
    assert q.cue != "called"


def test_went_on_with_an_adverb_before_a_colon_is_a_cue() -> None:
    text = (
        "Edith Rowntree sat down.\n\nI must have given some sign of doubt, for she went on "
        "hastily: “Oh, yes, it was! Not that it helps us now.”"
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("Edith Rowntree", "went on")


def test_could_not_help_between_the_subject_and_its_verb() -> None:
    text = (
        "Clara Fenwick hurried to the window. Within a minute she could not help "
        "shouting, “Oh, Nell, look, it is Rufus, it is really him!”"
    )
    assert speakers(text) == ["Clara Fenwick"]


def test_a_verb_inside_other_quoted_words_is_no_cue() -> None:
    # "admit" and "say" are the quoted words' own, not a report of what follows them.
    text = "“Let us admit it,” she went, “that we are lost.”"
    assert all(q.cue != "admit" for _, q in quotes(text))
    text = "Åsa Lind looked up. “Let us admit it,” she continued, “that we are lost.”"
    assert speakers(text) == ["Åsa Lind", "Åsa Lind"]


def test_an_as_clause_opening_the_sentence_gives_it_to_its_subject() -> None:
    text = (
        "As Åse Berg explained, two levies were delayed in the spending "
        "accord, denying the treasury some income, “which seems like a big sum. But it is not.”"
    )
    [(_, q)] = quotes(text)
    assert (q.speaker, q.cue) == ("Åse Berg", "explained")


def test_whether_opens_a_clause_and_is_no_subject() -> None:
    text = (
        "“Was he tall? Was he clever?” were questions now hastily thrown out; the opening "
        "pair met with a quick answer, and his curiosity rose with each one, whether "
        "answered or not."
    )
    assert speakers(text) != ["whether"]


def test_a_relative_who_speaks_for_the_name_it_hangs_on() -> None:
    text = "Next he handed the parcel to Jakub Dvořák, who said, “Too late now.”"
    assert speakers(text) == ["Jakub Dvořák"]


def test_a_titled_name_after_its_verb_ends_before_whom_it_speaks_to() -> None:
    text = "“Let us begin!” said the Lord Mayor to the Bishop. “We shall manage.”"
    assert speakers(text) == ["the Lord Mayor", "the Lord Mayor"]
    text = "“I will ask,” said the parlourmaid to Cyril."
    assert speakers(text) == ["the parlourmaid"]
    # A relation or an indefinite description keeps whose it is.
    text = "“No,” said the longtime senior aide to President Ana Ruiz."
    assert speakers(text) == ["the longtime senior aide to President Ana Ruiz"]
    text = "“No,” said an adviser to Ana Ruiz."
    assert speakers(text) == ["an adviser to Ana Ruiz"]


def test_a_sentence_opening_with_a_determiner_after_an_exclamation_is_no_tag() -> None:
    text = "Mia Quist saw a dark shape on the far bank, and said, “A crocodile!” The rowers agreed."
    assert speakers(text) == ["Mia Quist"]
    # A name there still tags the words: "“Stop!” Ada cried."
    assert speakers("“Stop!” Ada Vos cried.") == ["Ada Vos"]


def test_a_verb_in_lower_case_with_its_subject_after_the_mark_is_a_tag() -> None:
    text = "“You see, we do not like to take--” began Lucía. Her cousin stopped her."
    assert speakers(text) == ["Lucía"]
    # No subject after the verb: the words go on with the sentence's own subject.
    text = "Mayor Ana Ruiz said in a letter that the advert “wrongly” suggests that we agree."
    assert speakers(text) == ["Mayor Ana Ruiz"]
    # Nor is an adverb a subject.
    text = "Ott Saar came in.\n\n“But, Ott--” proceeded hilariously."
    assert speakers(text) != ["hilariously"]


def test_words_ending_their_sentence_leave_the_next_one_to_others() -> None:
    text = (
        "“There would be some point in shouting,” the Porter went on without turning round, “if "
        "we had a wall between us. I could hear you then, you see.” He was staring down at the "
        "floor all the while he was talking, and this Greta thought decidedly rude."
    )
    assert speakers(text) == ["the Porter", "the Porter"]


def test_a_tag_set_off_subject_first_names_the_source_of_the_whole_sentence() -> None:
    assert speakers("The agency, Ruiz said, called the plan “highly unusual.”") == ["Ruiz"]
    text = (
        "Governor Ann Lee, Ruiz said, had run the state for “half a century” and vetoed "
        "“dozens of budgets.”"
    )
    assert speakers(text)[-1] == "Ruiz"


@pytest.mark.parametrize("emphasis", ["_now!_", "*now!*"])
def test_a_tag_follows_words_ending_in_emphasis(emphasis: str) -> None:
    [(_, q)] = quotes(f"Ann Lee sat down.\n\n“To think of it {emphasis}” she sobbed.")
    assert (q.speaker, q.cue) == ("Ann Lee", "sobbed")


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("said the elderly man.", "the elderly man"),
        ("said her kindly aunt, smiling.", "her kindly aunt"),
        ("said the porter gravely.", "the porter"),
    ],
)
def test_a_word_in_ly_after_an_article_is_part_of_the_description(tag: str, speaker: str) -> None:
    [(_, q)] = quotes(f"“Halloa?” {tag}")
    assert q.speaker == speaker


def test_a_lone_name_before_a_relative_who_is_the_speaker() -> None:
    [(_, q)] = quotes("Later he met Tove, who said, “I am sorry it happened.”")
    assert q.speaker == "Tove"
    [(_, q)] = quotes("Later he went to Bergen, which said, “I am sorry it happened.”")
    assert q.speaker != "Bergen"


@pytest.mark.parametrize(
    ("tag", "speaker"),
    [
        ("said Okafor ally Zoë Brandt.", "Okafor ally Zoë Brandt"),
        ("said Zoë Brandt quietly.", "Zoë Brandt"),
    ],
)
def test_a_word_in_ly_before_a_name_is_no_adverb(tag: str, speaker: str) -> None:
    # "ally" ends in -ly but is a noun: the name after it is who speaks.
    [(_, q)] = quotes(f"“We will win,” {tag}")
    assert q.speaker == speaker


def test_a_hyphenated_adverb_between_subject_and_verb_is_no_part_of_the_name() -> None:
    [(_, q)] = quotes("“Oh, all right,” Dallas Øberg good-naturedly agreed.")
    assert (q.speaker, q.cue) == ("Dallas Øberg", "agreed")


@pytest.mark.parametrize("when", ["The next morning", "Three weeks later", "A year ago"])
def test_a_time_phrase_before_the_subject_of_a_cue_is_no_part_of_it(when: str) -> None:
    [(_, q)] = quotes(f"Ana Ruiz spoke on Monday. {when} the mayor said: “We were right.”")
    assert q.speaker == "the mayor"


def test_a_verb_of_estimate_reports_words() -> None:
    text = "Okafor estimated that “somewhere between 20 and 30 members” would vote no."
    assert speakers(text) == ["Okafor"]


def test_a_long_that_clause_still_holds_the_words_its_verb_reports() -> None:
    text = (
        "The Daily Courier reports that the mayor’s aides put off calling a doctor "
        "after her collapse on Friday in order to “stop the story from spreading.”"
    )
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "The Daily Courier")


def test_a_long_clause_without_that_still_holds_the_words_its_verb_reports() -> None:
    text = (
        "Ruiz said the council’s handling of the housing complaints over the past two years in "
        "the northern districts has created a “crisis of trust.”"
    )
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Ruiz")


def test_a_clause_after_a_tag_set_off_by_commas_holds_the_words_it_reports() -> None:
    text = "But, Ruiz added, she would not close the village schools “willy-nilly.”"
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Ruiz")
