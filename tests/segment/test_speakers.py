"""Sources named by context, and speakers shared by quotations that continue one another."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from segmenting import Q, quotes, speakers

from datapkg.models import Mark
from datapkg.segment.mentions import _Ctx
from datapkg.segment.spans import _Quote
from datapkg.segment.speakers import _Anchors, _answered, _tag_addressee


def test_next_sentence_continues_the_speaker() -> None:
    text = "“We lost,” Vera Lind said. “We will be back next year.”"
    assert speakers(text) == ["Vera Lind", "Vera Lind"]
    text = "“He said, ‘Fine,’” Alba Ruiz said. “Then he left.”"
    assert [q.speaker for _, q in quotes(text) if q.parent is None] == ["Alba Ruiz"] * 2


def test_the_next_sentence_continues_the_speaker_after_a_long_participle_clause() -> None:
    text = (
        "“The farmers wanted a plain answer,” said Council President Ewa Łęcka, closing "
        "out three days of hearings that ranged well past water rights to roads, schools, housing, "
        "broadband and a long list of local grievances. “People worry about being left behind.”"
    )
    assert speakers(text) == ["Council President Ewa Łęcka"] * 2


def test_quotation_after_a_sentence_that_reports_speech() -> None:
    text = "Ed Moor says the night shift was the hardest. “Nobody went home early.”"
    assert speakers(text) == ["Ed Moor"]


def test_quotation_after_a_sentence_about_a_named_person() -> None:
    text = "Maya Brandt stared at the line on the wall. “The water came up to here.”"
    assert speakers(text) == ["Maya Brandt"]


def test_colon_introduction_without_a_verb_names_the_source() -> None:
    text = "Her landlord was less forgiving: “Pay by Friday or leave.”"
    assert speakers(text) == ["Her landlord"]
    text = (
        "I wrote to the council in May. The council’s answer is one line long:\n\n"
        "We have noted your concerns and will respond in due course."
    )
    assert speakers(text) == ["The council’s answer"]


def test_owner_of_a_saying() -> None:
    text = "Nan Pryce’s motto, painted over the door, was “Mind the step and mind yourself.”"
    assert speakers(text) == ["Nan Pryce"]
    # Words in lower case may qualify the saying ("campaign slogan"); a name may not.
    text = "Nan Pryce’s campaign slogan is “Mind the step.”"
    assert speakers(text) == ["Nan Pryce"]
    assert speakers(text.replace("campaign slogan", "Campaign Book")) == [None]


def test_dash_line_under_a_quotation_names_its_source() -> None:
    text = "“Measure twice, cut once.”\n\n— Abel Ford, carpenter\n\nThe workshop opened in 1952."
    assert speakers(text) == ["Abel Ford"]


def test_citation_after_a_quotation() -> None:
    text = "Soldiers are tired of fighting “an enemy they never see” (See Evening Star, 2 June)."
    [(_, q)] = quotes(text)
    assert (q.kind, q.speaker) == (Q.DIRECT, "Evening Star")


def test_these_are_the_words_of() -> None:
    text = "If the bridge fails, “the whole town is cut in two”. These are the words of a ferryman."
    assert speakers(text) == ["a ferryman"]


def test_paragraph_opening_quotation_after_reported_speech() -> None:
    text = (
        "Ruth Adeyemi worked at the depot for years. She says the roof leaked every winter.\n\n"
        "“We put buckets under the desks and got on with it.”"
    )
    assert speakers(text) == ["Ruth Adeyemi"]


def test_writer_comment_between_quotations_keeps_the_source() -> None:
    text = "“Costs rose by half,” says Ms Orr. Thus the scheme is “simply unaffordable for us”."
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "Ms Orr")] * 2


def test_a_dash_and_a_name_after_a_quotation_sign_it_on_the_same_line() -> None:
    text = (
        "Readers wrote in.\n\n"
        "“This plan helps nobody at all.” ― Inés Moreau “We were never asked about any of it.” "
        "― Tomás Ruiz"
    )
    assert speakers(text) == ["Inés Moreau", "Tomás Ruiz"]


def test_alternating_dialogue_gives_an_unattributed_turn_to_the_speaker_before_last() -> None:
    text = (
        "“Where were you all night?” asked Mrs. Okonkwo.\n\n"
        "“At the mill,” said Tadeusz.\n\n"
        "“Until dawn?”\n\n"
        "“Until the last sack was filled.”"
    )
    assert speakers(text) == ["Mrs. Okonkwo", "Tadeusz", "Mrs. Okonkwo", "Tadeusz"]


def test_news_paragraphs_after_one_speaker_keep_that_speaker() -> None:
    text = "“We will appeal,” said Councillor Ama Boateng.\n\n“The ruling ignores the evidence.”"
    assert speakers(text) == ["Councillor Ama Boateng", "Councillor Ama Boateng"]


def test_a_long_run_of_dialogue_alternates_from_its_attributed_turns() -> None:
    text = (
        "“Ready?” asked Inès.\n\n"
        "“Almost,” said Bruno.\n\n"
        "“The car is waiting.”\n\n"
        "“Let it wait.”\n\n"
        "“We will miss the train.”\n\n"
        "“Then we take the next one.”"
    )
    assert speakers(text) == ["Inès", "Bruno", "Inès", "Bruno", "Inès", "Bruno"]


def test_after_prose_that_quotes_a_second_source_news_goes_on_with_it() -> None:
    text = (
        "“We will appeal,” said Councillor Ama Boateng.\n\n"
        "The mayor, Piet Vos, disagreed. “The ruling is fair,” Vos said.\n\n"
        "“It protects the river and the people who live by it.”"
    )
    assert speakers(text) == ["Councillor Ama Boateng", "Vos", "Vos"]


def test_a_headline_gives_the_quoted_words_to_the_name_before_its_colon() -> None:
    text = "Moss: Talks ‘went nowhere’\n\nAbel Moss left the table on Friday."
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Moss")


def test_a_headline_name_before_its_colon_needs_no_full_name_elsewhere() -> None:
    text = "Peña: Ruiz Won’t Debate, Talks Were ‘Mocking’ Voters.\n\nThe talks ended on Friday."
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Peña")
    # Not a line of prose that only opens with a word and a colon.
    text = "He had one rule.\n\nNote: the ‘quiet hours’ start at ten."
    [(_, q)] = quotes(text)
    assert q.kind.value == "scare"


def test_a_headline_in_title_case_gives_the_words_to_the_subject_of_its_verb() -> None:
    text = "Mayor Zoë Ortiz Calls Budget ‘A Disgrace’ After Vote\n\nThe council met on Monday."
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Mayor Zoë Ortiz")
    text = "Ana Ruiz Reveals ‘Demoralizing’ Years At The Top\n\nShe spoke on Monday."
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Ana Ruiz")
    # A headline whose verb reports nothing keeps its term.
    text = "Ana Ruiz Wins ‘Historic’ Vote In Lima\n\nShe spoke on Monday."
    [(_, q)] = quotes(text)
    assert q.kind.value == "scare"


def test_a_title_case_headline_subject_is_cut_to_the_name_the_text_gives() -> None:
    text = (
        "Moss Praises Ruiz, Says Talks ‘Went Nowhere’ Before Vote\n\n"
        "Abel Moss praised the mayor on Monday."
    )
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Moss")
    text = (
        "Dana Ortiz Endorses Abel Moss: I Am ‘Delighted’ By The Plan\n\n"
        "Dana Ortiz threw her support behind Moss on Friday."
    )
    [(_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Dana Ortiz")


def test_a_digest_line_gives_the_words_to_the_name_after_its_dash() -> None:
    text = (
        "The polls, in brief.\n\n"
        "TURNOUT HIGHER THAN EXPECTED IN OHIO - Zoë B. Okafor: “At long last the contests "
        "have started, and we now have a first glimpse at turnout.” [Post.]"
    )
    [(_, q)] = quotes(text)
    assert q.speaker == "Zoë B. Okafor"


def test_a_turn_after_one_that_calls_someone_by_name_is_theirs() -> None:
    text = (
        "“Come in, Marisol,” said Matthias.\n\n"
        "“What is it?”\n\n"
        "“A letter from the school.”\n\n"
        "“Read it to me, Matthias.”\n\n"
        "“It says she is doing well.”"
    )
    assert speakers(text) == ["Matthias", "Marisol", "Matthias", "Marisol", "Matthias"]


def test_words_after_a_turn_s_own_tag_follow_the_turn_s_speaker() -> None:
    text = (
        "Hedda Lund sat by the window. Her cousin came in from the garden.\n\n"
        "“I can't see your meaning. You aren't quite yourself. You're cross, Ottilie.”\n\n"
        "“Cross!” she retorted. “You never let a woman simply be right.”"
    )
    # The turns make "she" Ottilie, who was called: the words after the tag are hers too.
    assert speakers(text) == ["Hedda Lund", "Ottilie", "Ottilie"]


def test_words_after_a_sentence_take_the_person_of_its_last_clause() -> None:
    text = (
        "Anselm Roth stood by the fire, his hands cold.\n\n"
        "“Don't leave,” cried Ottilie Brandt, and she took her coat.\n\n"
        "It was the only time her voice had warmed, and he grinned. “How long this week has felt!”"
    )
    assert speakers(text) == ["Ottilie Brandt", "Anselm Roth"]


def test_words_after_prose_take_its_last_person_when_its_last_sentences_are_about_no_one() -> None:
    text = (
        "“We are late,” said Ottilie Brandt.\n\n"
        "Miss Pennock waved at it grandly. It was the covered market. The tour was done.\n\n"
        "“Wait a moment; let that noisy crowd pass first.”"
    )
    assert speakers(text) == ["Ottilie Brandt", "Miss Pennock"]


def test_the_turn_after_one_said_to_someone_is_theirs() -> None:
    text = "“Sit down,” said Ana Vell to Mrs. Okafor.\n\n“When?” she replied."
    assert speakers(text) == ["Ana Vell", "Mrs. Okafor"]
    text = "“Is it late?” Ana Vell asked Mrs. Okafor.\n\n“Not yet,” she answered."
    assert speakers(text) == ["Ana Vell", "Mrs. Okafor"]


def test_in_news_whom_a_source_told_answers_only_if_the_pronoun_fits_them() -> None:
    # Few voices alternate: "told Dr. Novak" says whom Nuñez spoke to, not who speaks next.
    text = "“It is a hard choice,” Nuñez told Dr. Marek Novak on Monday.\n\n“I agree,” she said."
    assert speakers(text) == ["Nuñez", "Nuñez"]
    # Guard: told a woman, "she" replies.
    text = "“It is a hard choice,” Nuñez told Mrs. Okafor on Monday.\n\n“I agree,” she said."
    assert speakers(text) == ["Nuñez", "Mrs. Okafor"]


def test_after_the_words_the_name_after_asked_asks() -> None:
    def tag_of(text: str) -> str | None:
        at = text.index("asked")
        turn = _Quote(1, 13, 0, Mark.DOUBLE, 0, 14, cue="asked", cue_at=at, cued=True)
        return _tag_addressee(text, turn)

    assert tag_of("“Is it late?” Ana Vell asked Mrs. Okafor.") == "Mrs. Okafor"
    assert tag_of("“Is it late?” asked Mrs. Okafor.") is None  # she asks


def test_a_first_person_narrator_takes_the_name_the_others_call_them() -> None:
    turns = []
    for k in range(3):
        turns += [f"“Are you coming, Jonas? It is nearly {k + 8}.”", "“Not yet,” I said."]
    text = "We sat in the café all morning.\n\n" + "\n\n".join(turns)
    assert speakers(text)[1::2] == ["Jonas"] * 3


def test_a_narrator_called_by_several_names_keeps_i() -> None:
    turns = [
        "“Are you coming, Jonas?”",
        "“Not yet,” I said.",
        "“Are you coming, Pieter?”",
        "“Not yet,” I said.",
        "“Are you coming, Jonas?”",
        "“No,” I said.",
    ]
    assert speakers("\n\n".join(turns))[1::2] == ["I"] * 3


def test_a_beat_then_short_words_ending_the_paragraph_are_speech() -> None:
    text = "“Leave now,” said Ana Ruiz.\n\nMrs. Okafor shook her head. “Stay, please.”"
    [_, (_, q)] = quotes(text)
    assert (q.kind.value, q.speaker) == ("direct", "Mrs. Okafor")


def test_a_definite_description_in_a_dialogue_is_the_participant_whose_turn_it_is() -> None:
    text = (
        "“Is the boat ready?” asked Mr. Ferreira.\n\n"
        "“Nearly,” said Mrs. Dąbrowska.\n\n"
        "“And the nets?” said the old man.\n\n"
        "“Mended yesterday.”"
    )
    assert speakers(text) == ["Mr. Ferreira", "Mrs. Dąbrowska", "Mr. Ferreira", "Mrs. Dąbrowska"]


def test_a_title_character_named_with_the_keeps_its_name() -> None:
    text = (
        "“Ring all the bells!” said the Queen.\n\n"
        "“Rubbish,” said Wenna.\n\n"
        "“Quiet!” said the Queen."
    )
    assert speakers(text) == ["the Queen", "Wenna", "the Queen"]


def test_a_first_name_stands_for_the_full_name_the_text_gives_it() -> None:
    text = (
        "Teodor Vasquez hung up his coat. Teodor was tired, and his feet hurt. Teodor\n"
        "rubbed his eyes.\n\n"
        "“Nobody came,” said Teodor."
    )
    assert speakers(text) == ["Teodor Vasquez"]


def test_a_company_named_by_its_first_word_is_not_a_first_name() -> None:
    text = (
        "Brellan Freight runs the depot. Brellan said in a statement that it "
        "“regrets the delay” and would pay."
    )
    assert speakers(text) == ["Brellan"]


def test_whom_the_words_call_by_name_is_not_who_says_them() -> None:
    text = (
        "Ottilie Brandt sat down beside Brigida Moss, and Brigida Moss wept.\n\n"
        "“Be calm, dear Brigida, the doctor is coming,” she said."
    )
    assert speakers(text) == ["Ottilie Brandt"]


def test_a_title_of_address_tells_the_gender_before_a_shared_surname() -> None:
    text = (
        "Mrs. Ferrant folded her letter. Mrs. Ferrant read her post at breakfast.\n\n"
        "Mr. Ferrant looked up from the paper.\n\n"
        "“That is nonsense, my dear,” he said."
    )
    assert speakers(text) == ["Mr. Ferrant"]


def test_a_name_takes_the_gender_the_whole_text_gives_it() -> None:
    filler = "The road ran on between the fields, and the fields were wet. " * 30
    text = (
        "Rafe Onslow counted his money. Later Rafe Onslow lost his hat.\n\n"
        "Kit Marlow kept her shop. Kit Marlow sold her bread.\n\n"
        + filler
        + "\n\nKit Marlow and Rafe Onslow stood at the door.\n\n"
        "“We are closed for the night,” she said."
    )
    # Far from both names' pronouns, "she" is Kit, whom the whole text calls "her".
    assert speakers(text) == ["Kit Marlow"]


def test_turns_cued_by_he_or_she_alternate_with_the_named_ones() -> None:
    text = (
        "Joaquim Ferreira took off his cap. Anselm Brandt wiped his hands.\n\n"
        "“Is the boat ready?” asked Joaquim Ferreira.\n\n"
        "“Not yet, it needs paint,” said Anselm Brandt.\n\n"
        "“And the nets?” he asked.\n\n"
    )
    # Two men: "he" goes to the one whose turn it is, two turns back, not the last named.
    # In a short exchange parity needs genders the text tells (see the news test below).
    assert speakers(text) == ["Joaquim Ferreira", "Anselm Brandt", "Joaquim Ferreira"]


def test_a_turn_opening_with_a_name_calls_them_and_an_interjection_calls_nobody() -> None:
    turns = []
    for _ in range(3):
        turns += ["“Well, are you coming?”", "“No,” I said.", "“Jonas, come on.”", "“No,” I said."]
    text = "Jonas Brink was my name then.\n\n" + "\n\n".join(turns)
    # The name the others call the narrator, as the fullest name the text gives it.
    assert set(speakers(text)[1::2]) == {"Jonas Brink"}


def test_the_narrator_is_not_someone_the_text_makes_speak() -> None:
    turns = ["“Come along, Piet,” said Jonas."] * 3
    for k in range(3):
        turns += [f"“Are you coming, Jonas? It is nearly {k + 8}.”", "“Not yet,” I said."]
    text = "We sat in the café all morning.\n\n" + "\n\n".join(turns)
    # Jonas is called most, but the text makes Jonas speak: the narrator is someone else.
    assert speakers(text)[4::2] == ["I"] * 3


def test_a_turn_no_parity_settles_is_the_known_voice_s_partner() -> None:
    text = (
        "“Where were you?” said Halvard Moe to his sister.\n\n"
        "“Out,” said Sigrun Moe.\n\n"
        "They walked on.\n\n"
        "“Is the ferry running today?” said Halvard.\n\n"
        "“Only the morning one.”\n\n"
        "“Then we have missed it,” said Halvard."
    )
    # Between two of his turns, with no anchor two turns away: the one he talks with.
    assert speakers(text)[-2] == "Sigrun Moe"


def test_the_turn_before_one_that_calls_someone_is_theirs() -> None:
    text = (
        "“Is the boat ready?” asked Joaquim Ferreira.\n\n"
        "“It needs another coat of paint.”\n\n"
        "“Then paint it tonight, Anselm.”"
    )
    assert speakers(text)[1] == "Anselm"


def test_whose_answer_the_words_were() -> None:
    text = "“You will have to wait until spring,” was Mrs. Okafor’s firm answer."
    assert speakers(text) == ["Mrs. Okafor"]


def test_a_reporting_verb_in_a_perfect_tense() -> None:
    text = "“The lady cannot deny it is a handsome sum,” Mr. Lindqvist had remarked."
    assert speakers(text) == ["Mr. Lindqvist"]


def test_the_words_after_said_mrs_x_go_on_with_her() -> None:
    text = "“I shall go,” said Mrs.\nHale, “whatever they say.”"
    assert speakers(text) == ["Mrs. Hale", "Mrs. Hale"]


def test_the_narrator_s_name_counts_in_all_its_forms() -> None:
    turns = ["“Leave it, Marek,” said Tomas Vidal."] * 3
    calls = ["Mr. Novak", "Novak", "Mr. Novak", "Novak"]
    for k, call in enumerate(calls):
        turns += [f"“Are you coming, {call}? It is nearly {k + 8}.”", "“Not yet,” I said."]
    turns += ["“Come on, Tomas.”", "“Not yet,” I said."]
    text = "We sat in the café all morning.\n\n" + "\n\n".join(turns)
    # "Novak", called in two forms, outvotes "Tomas" by far; in one form it would not.
    assert speakers(text)[4::2][:4] == ["Mr. Novak"] * 4


def test_a_short_paragraph_of_action_names_who_speaks_next() -> None:
    """A one-sentence beat before an unattributed turn: the one who acts speaks."""
    text = (
        "“Do you ever feel a thrill?” asked Ana Ruiz.\n\n"
        "Émile Durand ruminated.\n\n"
        "“Well now, yes. The river gives me one every spring.”"
    )
    assert speakers(text) == ["Ana Ruiz", "Émile Durand"]


def test_words_no_verb_reports_are_those_of_the_sentence_subject() -> None:
    text = (
        "Zoë Brennan, the mayor, spoke on Monday. Brennan blamed the flooding on “decades of "
        "neglect by the county.”"
    )
    assert speakers(text) == ["Brennan"]
    text = (
        "Tomás Ferro chairs the board. Ferro called the ruling by the appeals court “a gift to "
        "polluters and nobody else.”"
    )
    assert speakers(text) == ["Ferro"]
    # A subject that is no one: the words stay unattributed.
    text = "The bill would make the county “a safe place for everyone who lives here.”"
    assert speakers(text) == [None]


def test_words_after_a_subject_told_something_are_not_the_subjects() -> None:
    text = (
        "Dear Sir, I write for my neighbour, Mr Idris Kalu. When he rang your helpline, he was "
        "told that the fault was ‘being looked at’ and that he should ‘try again later’ if the "
        "noise stayed ‘unbearable’."
    )
    assert "Mr Idris Kalu" not in speakers(text)


def test_short_words_after_their_tag_go_on_with_its_speaker() -> None:
    text = "“Oh, yes, pa,” said Tilda, “we went.”"
    assert [(q.kind, q.speaker) for _, q in quotes(text)] == [(Q.DIRECT, "Tilda")] * 2


def test_a_verb_inside_the_turn_before_names_nobody() -> None:
    """“..., but I must tell you ...” is in quotation marks: no cue of the next turn."""
    text = (
        "Ada Lowell and Tom Briggs sat down.\n\n"
        "“I claim no expertise, but I must warn you that this bridge is weak.”\n\n"
        "“Really! why so?”"
    )
    assert speakers(text)[1] != "I must"


def test_the_other_is_the_one_of_two_who_did_not_speak_last() -> None:
    text = (
        "Kemal rode beside Brandreth. “We ought to make peace,” said Brandreth. “Not today,” said "
        "Kemal. The mules stumbled. “Why not today?” said the other, steadying him."
    )
    assert speakers(text) == ["Brandreth", "Kemal", "Brandreth"]


def test_uncued_turns_after_prose_start_with_its_person_and_alternate() -> None:
    text = (
        "“Where have you been?” asked Rolf Ardagh.\n\n“At the weir,” said Nico Fane.\n\n"
        "“Any bites?” asked Rolf.\n\n“Four,” said Nico.\n\n"
        "Rolf sat down on the bank and unpacked his basket. He set a fat perch beside the rest.\n\n"
        "“How big are yours?”\n\n“Tinier.”\n\n“Show them to me.”\n\n“They are wrapped.”"
    )
    assert speakers(text)[4:] == ["Rolf", "Nico", "Rolf", "Nico"]


def test_words_after_a_paragraph_of_prose_are_its_last_subjects() -> None:
    text = (
        "The farm was still when the cows were milked and the boy had gone up to sleep at last.\n\n"
        "The clock ticked. Agnete Mossberg put the lamp down hard on the kitchen dresser and "
        "frowned at her brother over it.\n\n"
        "“It is high time somebody taught that boy some manners.”"
    )
    assert speakers(text) == ["Agnete Mossberg"]


def test_a_paragraph_that_runs_on_into_the_words_reports_them() -> None:
    text = (
        "Tamsin looked at the river.\n\n"
        "When stopping with her gaze fixed upon it, Liesl quietly said,\n\n"
        "“Here, just here,” gesturing with one finger, “by that willow, here I lost it.”"
    )
    got = quotes(text)
    assert [(q.kind, q.speaker) for _, q in got] == [(Q.DIRECT, "Liesl")] * 2


def test_a_reply_owned_by_a_pronoun_after_the_words_is_the_pronouns_person() -> None:
    # Not the subject of the sentence before, who is the one spoken to.
    text = (
        "Brigit Lowther lowered her eyes while Rafael Ibáñez laughed. “You come from Ghent, "
        "I gather,” was his next remark."
    )
    assert speakers(text) == ["Rafael Ibáñez"]


def test_the_owner_of_a_reply_named_after_the_words() -> None:
    text = (
        "Hester was to stay.\n\n"
        "“Perhaps so, brother,” was all Lady Ashcombe's reply. “I suppose you know best.”\n\n"
        "“It is because of the rules,” was Karim Haddad's explanation."
    )
    assert speakers(text) == ["Lady Ashcombe", "Lady Ashcombe", "Karim Haddad"]


def _long_dialogue(turns: int) -> str:
    """Cued turns of Ingrid and Sabine taking turns, as a novel has many."""
    names = ("Ingrid Falkner", "Sabine Falkner")
    return "".join(f"“Line {k} of it,” said {names[k % 2]}.\n\n" for k in range(turns))


def test_in_fiction_a_turn_may_end_a_paragraph_of_prose() -> None:
    tail = (
        "The tea was cold by then.\n\n"
        "Ingrid turned to her sister. “Sabine, I trust Mr. Colley.”\n\n“No, only partly.”"
    )
    assert speakers(_long_dialogue(24) + tail)[-1] == "Sabine Falkner"
    # Not in a text of little dialogue, where the words after such a paragraph are news's
    # next quotation of its source (Ingrid, whom the paragraph is about), not an answer.
    assert speakers(_long_dialogue(2) + tail)[-2:] == ["Ingrid", "Ingrid"]


def test_in_fiction_a_described_speaker_is_the_nearest_person_of_that_gender() -> None:
    scene = (
        "Mrs. Zoë Ferrand came in from the garden, and Ingrid rose to meet her.\n\n"
        "“You are early,” said Ingrid.\n\n"
        "“The rain drove me in,” the old lady answered.\n\n"
    )
    # Not Ingrid, who spoke the turn before: dialogue alternates.
    assert speakers(_long_dialogue(24) + scene)[-1] == "Mrs. Zoë Ferrand"
    # In a text of little dialogue the description is what the text says of who speaks.
    assert speakers(_long_dialogue(2) + scene)[-1] == "the old lady"
    # A trade is not a gender: fiction leaves such people unnamed.
    trade = scene.replace("the old lady", "the policeman")
    assert speakers(_long_dialogue(24) + trade)[-1] == "the policeman"
    # The description opening its sentence, with a capital, is one too.
    opening = scene.replace(
        "“The rain drove me in,” the old lady answered.",
        "The old lady answered: “The rain drove me in.”",
    )
    assert speakers(_long_dialogue(24) + opening)[-1] == "Mrs. Zoë Ferrand"


def test_in_fiction_a_described_speaker_passes_over_descriptions_and_people_of_no_gender() -> None:
    scene = (
        "Miss Ximena Ruiz pulled on her gloves and stepped into the lane.\n\n"
        "“Is it dark yet?” asked the girl.\n\n"
        "“Past nine,” said the watchman, and Dobbs pointed along the road.\n\n"
        "“Then I must run,” cried the girl.\n\n"
    )
    # Not "the girl" found for the turn before last, nor Dobbs, whom the text gives no
    # gender.
    assert speakers(_long_dialogue(24) + scene)[-1] == "Miss Ximena Ruiz"


def test_in_fiction_a_kinship_speaker_is_not_whom_the_possessive_means() -> None:
    scene = (
        "Miss Ana Lúcia came in from the yard, and Mrs. Inês Prado looked up at her.\n\n"
        "“You are wet through,” her mother said.\n\n"
    )
    # "her" is Miss Ana Lúcia, the subject; her mother is the other woman.
    assert speakers(_long_dialogue(24) + scene)[-1] == "Mrs. Inês Prado"


def test_in_fiction_a_described_speaker_is_not_whom_the_rest_of_the_words_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datapkg.segment import speakers as attribution

    # Only the naming of descriptions: dialogue's own check of whom words call is left out.
    monkeypatch.setattr(attribution, "_not_whom_it_calls", lambda *args: None)
    scene = (
        "Miss Ana Prado sat by the window.\n\n"
        "Mrs. Odile Marchetti came in from the garden.\n\n"
        "“How late it is!” cried the old lady. “Isn’t it, Mrs. Marchetti? Say so.”\n\n"
    )
    # The second piece of the same words calls Mrs. Marchetti: the old lady is the other.
    assert speakers(_long_dialogue(24) + scene)[-2:] == ["Miss Ana Prado"] * 2


def test_a_turn_described_as_a_man_is_not_given_by_parity_to_a_woman() -> None:
    text = (
        "Mrs. Halvorsen sat up on the sofa. Greta stood by the door, and Mr. Halvorsen came "
        "in.\n\n"
        "“Greta, my dear,” said Mrs. Halvorsen, “you are late.”\n\n"
        "“I am sorry.”\n\n"
        "“Mrs. Halvorsen,” said her husband, “the carriage is at the door.”\n\n"
        "“Nothing,” said Greta."
    )
    # Two turns back is Mrs. Halvorsen, but "her husband" is a man: not hers.
    assert speakers(text) == [
        "Mrs. Halvorsen",
        "Mrs. Halvorsen",
        "Greta",
        "her husband",
        "her husband",
        "Greta",
    ]


def test_in_fiction_a_titled_mans_wife_is_his_family_name_under_her_title() -> None:
    scene = (
        "Mrs. Wren had gone up early.\n\n"
        "Miss Aurelia Cross found Mr. Wren at breakfast. She sat down.\n\n"
        "“You slept well, I hope,” said his wife, coming in.\n\n"
    )
    # "his" is Mr. Wren: his wife is Mrs. Wren, not the woman nearer.
    assert speakers(_long_dialogue(24) + scene)[-1] == "Mrs. Wren"
    # Without a Mrs. Wren in the text, she is someone else.
    alone = scene.replace("Mrs. Wren had gone up early.", "The house was quiet.")
    assert speakers(_long_dialogue(24) + alone)[-1] != "Mrs. Wren"
    # Nor when the words call Mrs. Wren: someone speaks to her.
    calling = scene.replace("“You slept well, I hope,”", "“You slept well, Mrs. Wren, I hope,”")
    assert speakers(_long_dialogue(24) + calling)[-1] != "Mrs. Wren"


def test_in_dialogue_no_one_speaks_words_that_call_them_by_name() -> None:
    text = (
        "Ann Reed and Tom Hale sat by the fire.\n\n“Cold?” asked Ann Reed.\n\n"
        "“A little,” said Tom Hale.\n\n“Then close the window,” said Ann Reed.\n\n"
        "“I will,” said Tom Hale.\n\n"
        "Ed Moss came in with the wood and shut the door behind him.\n\n"
        "“You are late,” he said. “Where were you, Ed?”\n\n“Out,” said Ed Moss."
    )
    # "he" is not Ed Moss, whom the second piece of his words calls.
    assert speakers(text)[4:6] == ["Tom Hale", "Tom Hale"]
    # Nor when both pieces are one sentence: no piece keeps the name its words call.
    one = text.replace("he said. “Where were you, Ed?”", "he said, “and where were you, Ed?”")
    assert speakers(one)[4:6] == [None, None]
    # A name in commas after "I" is the speaker's own, not someone called.
    own = text.replace("Where were you, Ed?", "I, Ed Moss, am never late.")
    assert speakers(own)[4] == "Ed Moss"


def test_untagged_words_on_the_next_line_of_a_blank_line_paragraph_go_on_with_its_voice() -> None:
    text = (
        "Ida Lane stood by the stove.\n\n"
        "“Put the kettle on, Lane,” said Mr. Grady, hanging up his coat.\n"
        "“The train was slow again.”\n\n“Yes, sir.”"
    )
    # Not Lane, whom the turn before calls: one voice goes on, and Lane answers after it.
    assert speakers(text) == ["Mr. Grady", "Mr. Grady", "Lane"]
    # Where every line is a paragraph, the next line is the next turn.
    lines = text.replace("\n\n", "\n")
    assert speakers(lines)[1] == "Lane"


def test_someone_described_by_their_gender_in_a_short_paragraph_speaks_next() -> None:
    text = (
        "“Are you his messenger?” asked Ana Ruiz.\n\n"
        "The old man folded his newspaper.\n\n“Is he innocent?”"
    )
    assert speakers(text)[-1] == "The old man"
    # A description that tells no gender is not taken for the next voice.
    text = text.replace("The old man folded his", "The committee folded its")
    assert speakers(text)[-1] is None


def test_a_speech_over_two_paragraphs_is_one_turn_of_the_dialogue() -> None:
    text = (
        "Ana Ruiz sat by the fire with Tom Lee.\n\n"
        "“It was a long winter,” said Tom Lee. “We had no wood and no bread.\n\n"
        "“Then the spring came, and the river rose.”\n\n"
        "“And then?” asked Ana Ruiz.\n\n“Then we left.”"
    )
    # Tom Lee answers: the paragraph his words go on into is no turn of Ana Ruiz's.
    assert speakers(text) == ["Tom Lee"] * 3 + ["Ana Ruiz", "Tom Lee"]


def test_a_tag_after_coordinated_words_reports_the_first_ones_too() -> None:
    text = "Guns are “a public health crisis” and “a scandal,” Ana Núñez, a former governor, said."
    assert [(q.kind, q.speaker, q.cue) for _, q in quotes(text)] == [
        (Q.DIRECT, "Ana Núñez", "said"),
        (Q.DIRECT, "Ana Núñez", "said"),
    ]
    # Not across sentences: the first words are no part of the tagged sentence.
    text = "Guns are “a public health crisis.” And “a scandal,” Ana Núñez said."
    assert quotes(text)[0][1].speaker is None


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("said poor Inès", "Inès"),
        ("said old Horace Tallis", "Horace Tallis"),
        ("broke in Mr. Pell", "Mr. Pell"),
        ("said pollster Jo Kranz", "Jo Kranz"),
        ("said former Sen. Ada Vos", "Sen. Ada Vos"),
        ("said former Halloran adviser Ada Vos", "Ada Vos"),
        # A surname's particle and a determiner stay.
        ("said de Souza", "de Souza"),
        ("said the Professor", "the Professor"),
        # A phrasal verb's particle is no part of the speaker; a voice is its owner's.
        ("sighed out the matron", "the matron"),
        ("called out the Warden", "the Warden"),
    ],
)
def test_a_speaker_is_named_without_the_epithet_before_the_name(tag: str, name: str) -> None:
    assert speakers(f"“It will rain tonight,” {tag}.") == [name]


def test_words_after_a_sentence_with_quoted_words_go_on_with_their_speaker() -> None:
    # The verb after the attribution is another clause's: the next words are still Ruiz's.
    text = (
        "“We will win this,” Ruiz said at the rally in Łódź, two hours after the networks "
        "declared the result. “You will be so happy.”"
    )
    assert speakers(text) == ["Ruiz", "Ruiz"]
    # Not the speaker of words quoted inside the words before.
    text = (
        "Ana Ruiz recalled the call. “The one thing he said was ‘I am far too tired,’” she "
        "said. “We were tired as well.”"
    )
    assert speakers(text)[-1] == "Ana Ruiz"


def test_the_narrator_is_called_by_name_in_words_next_to_a_beat() -> None:
    # The narrator's words follow a beat in their paragraph, and the others call the
    # narrator in the middle of their words.
    scene = [
        "I shook my head. “Not yet,” I said.",
        "“And the mules, Matvei Sergeyevich, are lame,” said the Baroness.",
    ]
    text = "We waited at the inn.\n\n" + "\n\n".join(scene * 3)
    assert speakers(text)[::2] == ["Matvei Sergeyevich"] * 3


def test_ibid_cites_the_source_cited_last() -> None:
    text = (
        "Writing in the Courier, Åsa Lind says that “the war is forgotten”.\n\n"
        "Nobody calls for the draft, for “it would make the war unpopular”, and “they know "
        "it”. (Ibid)"
    )
    assert speakers(text) == ["Åsa Lind", "Åsa Lind", "Åsa Lind"]


def test_the_surname_subject_of_the_prose_before_speaks_the_words_after() -> None:
    text = (
        "The baker Tomás Ødegaard joined him on stage.\n\n"
        "Ødegaard praised the governor and his record in the storm.\n\n"
        "“We need someone who can unite the whole city.”"
    )
    assert speakers(text) == ["Ødegaard"]


def test_the_narrator_is_not_named_after_whom_a_third_person_calls() -> None:
    # The Baroness calls her maid, two turns from the narrator's: the narrator stays "I".
    scene = [
        "“Not yet,” I said.",
        "“We leave at nine,” said the Colonel.",
        "“Bring my gloves, Zinka, and hurry,” said the Baroness to her maid.",
        "“Yes, madam,” said the maid.",
        "The carriage rolled on.",
    ]
    text = "We waited at the inn.\n\n" + "\n\n".join(scene * 3)
    assert speakers(text)[::4] == ["I"] * 3


def test_the_narrator_is_not_named_after_whom_the_narrator_calls() -> None:
    # The narrator's own words call Jonas: that is not the narrator's name.
    turns = []
    for k in range(3):
        turns += ["“Are you coming?” Ada asked.", f"“Not yet, Jonas, it is only {k + 8},” I said."]
    text = "We sat in the café all morning.\n\n" + "\n\n".join(turns)
    assert speakers(text)[1::2] == ["I"] * 3


def test_the_narrator_is_not_named_after_someone_the_narration_names() -> None:
    """The others call the narrator "Tom" and a servant "Pell" as often: the narration names
    Pell, who cannot be the one it calls "I"."""
    turns = []
    for _ in range(3):
        turns += [
            "“Have you seen the garden, Tom?” said Ada.",
            "“Not yet,” I said.",
            "“Bring the lamp, Pell.” Pell came in with it and went out again.",
            "“You will like it, Tom,” said Ada.",
            "“I am sure I shall,” I said.",
            "Pell was standing in the hall. “The shawl, Pell,” said Ada, and Pell fetched it.",
            "I gazed at the roses.",
        ]
    got = speakers("\n\n".join(turns))
    mine = [got[k] for k in range(len(got)) if k % 6 in (1, 4)]
    assert mine == ["Tom"] * 6


def test_words_after_quoted_words_go_on_with_their_speaker_not_a_nested_one() -> None:
    # The nested words' speaker ("the waiter") stands last in the sentence before; the words
    # after it are Ana Ruiz's, whose words hold them.
    text = (
        "“The waiter told us, ‘No table,’ and left,” Ana Ruiz said, two hours after the "
        "critics declared the place closed. “We ate at home.”"
    )
    assert speakers(text)[0] == speakers(text)[-1] == "Ana Ruiz"


def test_words_after_a_report_then_another_clause_are_not_the_reported_speakers() -> None:
    # Guards: a verb before the words reports them, and the sentence goes on to someone else;
    # and a cue naming a person after the words gives the next words to that person.
    text = "After Ruiz called the plan “dead,” Ana Lee spoke up. “It is alive.”"
    assert speakers(text) == ["Ruiz", "Ana Lee"]
    text = "“Go home,” said Ruiz, as Ana Lee replied at once. “No, I will stay.”"
    assert speakers(text) == ["Ruiz", "Ana Lee"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Wait!” the Badger’s voice called from the burrow.", "the Badger"),
        ("Zoë Brandt sat down. “It is late,” her tired voice said.", "Zoë Brandt"),
        ("“Ow!” said Mr. Ólafur, rubbing his arm.\n“My arm!” his lips repeated.", "Mr. Ólafur"),
        # A past tense ends the phrase, irregular ones too; a possessive does not.
        ("Ada Lind’s voice rose above the others: “Where were you?”", "Ada Lind"),
        ("The old man’s voice rose above the others: “Where were you?”", "The old man"),
    ],
)
def test_a_voice_speaks_for_its_owner(text: str, speaker: str) -> None:
    assert speakers(text)[-1] == speaker


def test_a_verb_joined_by_and_goes_with_the_nearest_clauses_named_subject() -> None:
    """ "they ... were about to board it when Miss Haverill halted ... and cried:" is hers, not
    theirs; an object set off before "and" is nobody's subject."""
    text = (
        "In this cheerful spirit they\ncrossed the square of the little town, and were about to "
        "board the tram when\nMiss Haverill halted, yelped, threw up her hands, and cried:\n\n"
        "“There goes my hat!”"
    )
    assert speakers(text) == ["Miss Haverill"]
    text = "Ana Lind sat down. She turned to Tomás Ferro, and said “What else?”"
    assert speakers(text) == ["Ana Lind"]


def test_a_name_after_its_verb_ends_at_an_affiliation_too_long_to_keep() -> None:
    text = "“It is a long shot,” said Łucja Nowak of the University of Leeds Institute of Optics."
    assert speakers(text) == ["Łucja Nowak"]
    # A short one stays, as annotators of news write it.
    text = "“It is a long shot,” said Łucja Nowak of the Brookings Institution."
    assert speakers(text) == ["Łucja Nowak of the Brookings Institution"]


def test_a_common_word_calls_no_one_by_name() -> None:
    # "Darling" is written in lower case too, and never tagged: no one's name.
    text = (
        "Lena Moss looked up from her book when Piet came in.\n\n“Are you coming, Darling?” "
        "asked Piet Moss.\n\n“In a minute, darling. Let me finish.”\n\n“Well, be quick.”"
        "\n\n“I will.”"
    )
    assert "Darling" not in speakers(text)
    text = text.replace("Darling", "Lena").replace(", darling", "")
    assert speakers(text) == ["Piet Moss", "Lena Moss", "Piet Moss", "Lena Moss"]


def test_there_before_a_verb_introducing_words_names_no_writer() -> None:
    # "there was written:" introduces the words but says nothing of who wrote them.
    text = "Below the name there was written: “I shall come home in May.”"
    assert speakers(text) == [None]


def test_a_short_tag_between_two_pieces_tags_both_whatever_its_colon() -> None:
    text = (
        "“It was the finest honey,” the Heron replied.\n\n“Yes, but the ants found it too,” "
        "the Stoat grumbled: “you ought not to have left it open.”"
    )
    assert speakers(text) == ["the Heron", "the Stoat", "the Stoat"]
    # A quotation inside its sentence is not the tag's: the colon introduces what follows.
    text = "Asked about “the plan,” Ana Ruiz replied: “It is dead.”"
    assert [(q.kind.value, q.speaker) for _, q in quotes(text)] == [
        ("scare", None),
        ("direct", "Ana Ruiz"),
    ]


def test_a_name_opening_a_wrapped_line_is_not_called() -> None:
    # "Port Vell." opens a line only because the line before was full: no one is called.
    text = (
        "Oskar Lind looked at the sea.\n\n“All my life I meant to sail to\nPort Vell. It is "
        "so remote,” said Oskar Lind.\n\n“Is it?”\n\n“Yes.”"
    )
    assert "Port Vell" not in speakers(text)
    text = "Oskar Lind came in.\n\n“Sit down, Marta,” said Oskar Lind.\n\n“Why?”"
    assert speakers(text) == ["Oskar Lind", "Marta"]


def test_a_pronoun_never_means_a_name_its_own_tag_goes_on_to_give() -> None:
    # Ilse Varga is the subject before; "she" takes the plate from her, so is Dóra Fekete.
    text = (
        "Dóra Fekete set the table. While the tea was brewing, Ilse Varga stood at the "
        "window.\n\n“You mustn’t tire yourself,” she said, taking the cups from Ilse Varga’s "
        "hands."
    )
    assert speakers(text) == ["Dóra Fekete"]
    # A name after an adjunct clause's opener may still be whom the pronoun means.
    text = (
        "Ilse Varga stood at the window.\n\n“It is true,” she said after the clerk read "
        "what Ilse Varga had signed."
    )
    assert speakers(text) == ["Ilse Varga"]
    # Before the words too: "she" who calls Pavel Novák a “faker” is not Pavel Novák.
    text = (
        "Ilse Varga spoke after Pavel Novák. Pavel Novák sat down.\n\n"
        "She said Pavel Novák was “a faker” and left."
    )
    assert speakers(text) == ["Ilse Varga"]


def test_a_name_after_a_common_word_opening_the_words_is_not_called() -> None:
    # "Refuse Mr. Pell!" speaks of Mr. Pell, not to him: the turns after are not his.
    text = (
        "Nell Ashe could say no more.\n\n“Do I hear rightly,” said Sir Hugo, “that you "
        "refuse Mr. Pell?”\n\n“Yes, sir.”\n\n“Refuse Mr. Pell! On what grounds?”\n\n"
        "“I do not care for him, sir.”"
    )
    assert "Mr. Pell" not in speakers(text)


def test_a_name_given_as_an_answer_calls_no_one() -> None:
    # "“Petra Holm.”" answers who was at the door: the next turn is not Petra Holm's.
    text = (
        "Ada Lind looked up from her book.\n\n“Who was at the door?” asked Ada Lind.\n\n"
        "“Petra Holm.”\n\n“What did she want?”\n\n“Nothing at all.”"
    )
    assert speakers(text)[2] == "Ada Lind"


def test_words_broken_off_mid_sentence_go_on_with_their_speaker() -> None:
    text = (
        "Jonas Berg came in.\n\n“She spoke well of you, Tove,” taking her hand, “and she meant it.”"
    )
    assert speakers(text) == ["Jonas Berg", "Jonas Berg"]


def test_a_turn_whose_tag_names_no_one_is_whom_the_turn_before_calls() -> None:
    # "said the thoroughly sensible": a tag with no one in it; the turns tell who speaks.
    text = (
        "Greta Lund came up the stairs.\n\n“Are you ready, Ansel Moe?” asked Greta Lund.\n\n"
        "“I hope so,” said the thoroughly sensible; “I must be.”"
    )
    assert speakers(text) == ["Greta Lund", "Ansel Moe", "Ansel Moe"]


def test_words_going_on_after_their_tag_keep_its_source_over_a_later_verb() -> None:
    # "explaining" in the tag is no second cue: the sentence broken by the tag goes on.
    text = (
        "“Few voters have decided,” Søren Dahl wrote in an email to Nordpost explaining his "
        "choice, “but most of them fear the winter.”"
    )
    assert speakers(text) == ["Søren Dahl", "Søren Dahl"]


def test_in_news_a_pronoun_turn_is_not_given_by_parity_to_someone_of_untold_gender() -> None:
    # Two sources alternate once; "he said" is Brandt's, whom it follows, not Okafor's two
    # turns back, whose gender the text never tells.
    text = (
        "The council met on Monday.\n\n“Prices will fall,” Okafor said.\n\n"
        "“They will not,” Brandt said.\n\n“I grew up on a farm,” he said."
    )
    assert speakers(text) == ["Okafor", "Brandt", "Brandt"]


def test_a_pronoun_turn_after_narration_about_the_last_voice_means_that_voice() -> None:
    # Two men alternate; the paragraph before goes on about Mr. Holm after his words, so
    # "he said" is Mr. Holm again, not the man two turns back.
    text = (
        "Mr. Holm and Mr. Nowak sat by the river.\n\n"
        "“I have been careless,” said Mr. Holm.\n\n"
        "“You are the kindest of men,” said Mr. Nowak.\n\n"
        "“Am I?” said Mr. Holm. And then he cheered up at once.\n\n"
        "“Still,” he said, “it is almost time for tea.”"
    )
    assert speakers(text)[-2:] == ["Mr. Holm", "Mr. Holm"]


def test_a_pronoun_turn_after_a_bare_turn_still_alternates() -> None:
    # Guard: with no narration after the words, the turns tell who speaks.
    text = (
        "Mr. Holm and Mr. Nowak sat by the river.\n\n"
        "“I have been careless,” said Mr. Holm.\n\n"
        "“You are the kindest of men,” said Mr. Nowak.\n\n"
        "“Am I?” said Mr. Holm.\n\n"
        "“You are,” he said."
    )
    assert speakers(text)[-1] == "Mr. Nowak"


def test_words_after_a_paragraph_are_reported_by_its_verb_not_one_in_its_clause() -> None:
    text = (
        "Okonkwo argued in a letter to the council that tenants pledged to the scheme may "
        "withdraw.\n\n“A vote now would settle it.”"
    )
    assert speakers(text) == ["Okonkwo"]
    # Guard: a person named in the clause, who speaks there, keeps the words.
    text = (
        "Okonkwo said that Ilse Varga told the council she would resign.\n\n"
        "“A vote now would settle it.”"
    )
    assert speakers(text) == ["Ilse Varga"]


def test_an_uncued_turn_guessed_for_the_voice_just_heard_is_the_other_voices() -> None:
    def turn(k: int, speaker: str, cued: bool) -> _Quote:
        return _Quote(
            k * 10 + 1, k * 10 + 5, k, Mark.DOUBLE, k * 10, k * 10 + 6, speaker=speaker, cued=cued
        )

    run = [turn(0, "Ilse", True), turn(1, "Marta", True), turn(2, "Marta", False)]
    _answered(run, [2], _Ctx(frozenset(), {}, [], []))
    assert [t.speaker for t in run] == ["Ilse", "Marta", "Ilse"]
    # Guard: a turn guessed for another voice stays.
    run = [turn(0, "Ilse", True), turn(1, "Marta", True), turn(2, "Ilse", False)]
    _answered(run, [2], _Ctx(frozenset(), {}, [], []))
    assert [t.speaker for t in run] == ["Ilse", "Marta", "Ilse"]


def test_a_description_opening_its_sentence_is_no_anchor_of_the_turns() -> None:
    """ "The logic of the thing said “Theft.”" names no one the turns around it answer."""
    text = "\n\n".join(
        [
            "“Where is the letter?” asked Tomás.",
            "“In the drawer,” said Ana.",
            "“Have a look at it.”",
            "The seal had been broken. The logic of the thing said “Theft.”",
            "“Did she say any more?”",
            "“Nothing.”",
            "“Then we wait.”",
        ]
    )
    got = speakers(text)
    assert (got[2], got[5], got[6]) == ("Tomás", "Ana", "Tomás")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.sampled_from(["Ana", "Bo", "Cy"])), max_size=30),
    st.integers(0, 40),
)
def test_the_anchor_index_finds_what_reading_every_anchor_finds(
    anchors: list[tuple[int, str]], i: int
) -> None:
    index = _Anchors(anchors)
    for parity in (0, 1):
        same = [
            (abs(i - j), k, name) for k, (j, name) in enumerate(anchors) if abs(i - j) % 2 == parity
        ]
        first = min(same, default=None)
        assert index.first(i, parity) == (first and (first[0], first[2]))
        nearest = min(((d, name) for d, _, name in same), default=None)
        assert index.nearest(i, parity) == nearest
    for voice in ("Ana", "Bo"):
        other = min(((abs(i - j), name) for j, name in anchors if name != voice), default=None)
        assert index.nearest_other(i, voice) == other


def test_after_a_beat_about_the_two_voices_the_voice_before_the_last_speaks_again() -> None:
    """A short paragraph of narration that names no one else ("They laughed.") leaves the
    two voices taking turns: the first untagged turn after it is the voice before the last."""
    scene = "\n\n".join(
        [
            "“Is the boat ready?” asked Odile.",
            "“Not yet,” said Piet.",
            "“When, then?”",
            "“After the tide turns.”",
            "{beat}",
            "“I cannot wait so long.”",
            "“Then swim.”",
        ]
    )
    for beat in ("They laughed.", "They walked on in silence; it was getting dark."):
        got = speakers(_long_dialogue(24) + scene.format(beat=beat))
        assert got[-2:] == ["Odile", "Piet"], beat
    # Guard: a beat naming someone else, who may speak next, or a long paragraph that moves
    # the scene on, is no beat.
    for beat in ("A letter from Hanne lay on the table.", "The wind rose. " * 20):
        got = speakers(_long_dialogue(24) + scene.format(beat=beat))
        assert got[-2] != "Odile", beat


def test_a_turn_that_opens_by_echoing_a_name_just_said_calls_no_one() -> None:
    """“... the Villa Serena.” / “Villa Serena?”: the words repeat a name; nobody is called,
    so the next turn is not theirs."""
    text = "\n\n".join(
        [
            "“Where shall we stay?” asked Ugo.",
            "“With my aunt, at the Villa Serena,” said Lise.",
            "“Villa Serena?”",
            "“It is an old house by the lake.”",
        ]
    )
    got = speakers(text)
    assert got[-1] == "Lise"
    # Guard: a name called after other words, where the turn before spoke of them, is still
    # a call.
    called = text.replace("“Villa Serena?”", "“Is it far from here, Oskar?”").replace(
        "at the Villa Serena", "by the farm of Oskar"
    )
    assert speakers(called)[-1] == "Oskar"


def test_a_question_about_someone_where_they_are_calls_no_one() -> None:
    """“Where’s Bruno?” asks about him: the next turn is not his."""
    text = "\n\n".join(
        [
            "“Good evening,” said Nell.",
            "“Evening,” said Ivo.",
            "“Where’s Bruno?”",
            "“He went home early.”",
        ]
    )
    assert speakers(text)[-2:] == ["Nell", "Ivo"]


def test_a_turn_parity_gives_a_speaker_is_not_guessed_again_from_its_partners() -> None:
    """A turn first guessed from the paragraph before, then settled by parity, keeps what
    parity gave: the nearest other voice of the run ("Miss Lyle", whom the last turn calls,
    who is Greta again) is no better a guess than the turns' own order."""
    text = "\n\n".join(
        [
            "Greta Lyle came into the hall, and Mr. Dorn rose to meet her.",
            "“You are late,” said Mr. Dorn.",
            "“I was kept at the bank,” said Greta. “It is always the way on a Friday.”",
            "“This is the clerk who was to bring the papers. He never came.”",
            "Mr. Dorn was annoyed. “I hardly call that a fair account,” he said.",
            "“Perhaps not,” said Greta. “I only meant that the work goes slowly.”",
            "“Not the clerk?”",
            "“No.”",
            "“Miss Lyle, you are far too generous.”",
        ]
    )
    assert speakers(text)[-3:] == ["Mr. Dorn", "Miss Lyle", "Mr. Dorn"]


def test_a_beat_about_someone_by_a_given_name_or_their_face_gives_them_the_words() -> None:
    """“Ana turned away. “...”” is Ana’s, where the text names an Ana Weller; so are words
    after a beat about a face or eyes ("Ana Weller’s face began to burn."): its owner's."""
    lead = "Ana Weller and Tom Brandt stood by the gate.\n\n“Are you going?” asked Tom.\n\n"
    assert speakers(lead + "Ana turned away. “Not with you.”") == ["Tom", "Ana"]
    burn = lead + "Ana Weller’s face began to burn. “Not with you.”"
    assert speakers(burn) == ["Tom", "Ana Weller"]
    # Guard: a lone word the text never gives as a first name is no one.
    assert speakers(lead + "Nobody turned away. “Not with you.”") == ["Tom", None]


def test_an_adverb_or_its_phrase_around_a_described_speaker_is_no_part_of_them() -> None:
    """The girl of "cried the girl aloud", the clerk of "said the clerk somewhat crossly", the
    Duchess of "the Duchess at last exclaimed"."""
    assert speakers("“Well,” cried the girl aloud, “I never did!”") == ["the girl"] * 2
    assert speakers("“Well,” said the clerk somewhat crossly, “I never did!”") == ["the clerk"] * 2
    assert speakers("The Duchess at last exclaimed: “Enough of that!”") == ["The Duchess"]
    assert speakers("“Here I am!” the Duchess at\nlast exclaimed, to end it.") == ["the Duchess"]
    # Guard: the words of a longer phrase stay ("at last light" is no adverb of the verb).
    assert speakers("The men at the last post exclaimed: “Enough of that!”") != ["The men"]


def test_a_described_speaker_the_tag_goes_on_to_name_is_that_name() -> None:
    """Ferro for "said the night clerk known as Ferro", Ines Vale for "said a driver called Ines
    Vale". A description with no name after it stays as it is."""
    assert speakers("“Nobody came,” said the night clerk known as Ferro, smiling.") == ["Ferro"]
    assert speakers("“Nobody came,” said a driver called Ines Vale.") == ["Ines Vale"]
    assert speakers("“Nobody came,” said the night clerk, smiling.") == ["the night clerk"]


def test_a_news_dateline_is_not_the_subject_of_the_first_sentence() -> None:
    """The words of "LISK (AP) — Ana Ruiz ..., saying that “...”" are Ana Ruiz's, not the town's."""
    for dateline in ("Lisk (AFP) – ", "LISK, Nev. (AP) — "):
        text = dateline + "Mayor Ana Ruiz has lashed out at her rival, saying “loud talk” hurts."
        assert speakers(text) == ["Mayor Ana Ruiz"], dateline


def test_a_double_hyphen_is_a_dash_that_no_name_runs_across() -> None:
    """Old print sets a dash as "--": the name is the piece that names ("Mrs. Lund--it was
    her way--resolved", "But, Mr. Amory--MR. AMORY--what ...")."""
    text = "\n\n".join(
        [
            "Mrs. Lund--it was her way--resolved to take their side. “Yes, they are fond of"
            " each other,” she said.",
            "“Lost at sea, of course,” said Mr. Amory.",
            "“But, Mr. Amory--MR. AMORY--what do you mean by it?”",
            "“Only that the boat never came back.”",
        ]
    )
    assert speakers(text) == ["Mrs. Lund", "Mr. Amory", "Mrs. Lund", "Mr. Amory"]


def test_an_indefinite_description_goes_on_with_what_says_who_it_is() -> None:
    """The phrase or clause after the head of "said a clerk familiar with those plans", "said a
    member who backs the mayor" says who the source is, and is part of the mention."""
    for source in (
        "a clerk familiar with those plans",
        "an aide involved in the fund drive",
        "a council member who backs the mayor",
    ):
        assert speakers(f"“It is over,” said {source}.") == [source]
    # Guard: what a definite description does as it speaks is no part of it.
    assert speakers("“It is over,” said the porter with a grin.") == ["the porter"]
