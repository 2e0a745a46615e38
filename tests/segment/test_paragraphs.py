"""Paragraph boundaries and kinds."""

# ruff: noqa: RUF001, RUF100

from __future__ import annotations

import pytest
from segmenting import K, kinds, quotes, spans

from datapkg.segment import segment


def test_blank_line_convention() -> None:
    text = "First paragraph of prose here.\n\nSecond one, also prose.\n"
    assert spans(text) == ["First paragraph of prose here.", "Second one, also prose."]


def test_line_per_paragraph_convention() -> None:
    text = (
        "The committee met on Monday and heard evidence from residents.\n"
        "Several speakers demanded that the plan be withdrawn at once.\n"
        "The chair promised a ruling before the June recess."
    )
    assert len(spans(text)) == 3


def test_mixed_conventions() -> None:
    text = (
        "A first block of prose ends here.\n\n"
        "Line one of a dense block is a paragraph.\n"
        "Line two of that block is another one.\n\n"
        "And a last block."
    )
    assert len(spans(text)) == 4


def test_hard_wrapped_block_is_one_paragraph() -> None:
    text = (
        "This paragraph was wrapped by an old mail client at a\n"
        "fixed width, so each of its lines stops in the middle of\n"
        "a sentence and only the last one ends with a full stop.\n\n"
        "Next paragraph."
    )
    assert len(spans(text)) == 2


def test_stray_blank_line_is_joined() -> None:
    text = "The minister has always said that the\n\nproject would be finished on time."
    seg = segment(text)
    assert len(seg.paragraphs) == 1
    assert seg.paragraphs[0].char_end == len(text)


def test_stray_line_break_in_dense_block_is_joined() -> None:
    text = "Officials announced the\nclosure of three depots.\nUnions reacted angrily."
    assert spans(text) == [
        "Officials announced the\nclosure of three depots.",
        "Unions reacted angrily.",
    ]


def test_headings() -> None:
    text = (
        "Rail strike spreads north\n\n"
        "Drivers walked out on Tuesday morning across the region.\n\n"
        "What happens next\n\n"
        "Talks resume on Friday, officials said."
    )
    assert kinds(text) == [K.HEADING, K.PARAGRAPH, K.HEADING, K.PARAGRAPH]


def test_exclamation_is_heading_only_at_the_head() -> None:
    text = (
        "Hands off the library!\n\n"
        "The council wants to sell the old library building to developers.\n\n"
        "Save the library!"
    )
    assert kinds(text) == [K.HEADING, K.PARAGRAPH, K.PARAGRAPH]


def test_separator() -> None:
    text = "Some prose paragraph here.\n\n*****\n\nMore prose.\n\n- - - -\n\nEnd."
    assert kinds(text)[1] == K.SEPARATOR and kinds(text)[3] == K.SEPARATOR


def test_boilerplate_links_urls_and_full_story() -> None:
    text = (
        "A short article with a single paragraph of text.\n\n"
        "> Related story one\n\n"
        "> Related story two\n\n"
        "https://example.org/page\n\n"
        "read the full story:"
    )
    ks = kinds(text)
    assert ks[0] == K.PARAGRAPH and ks[1:4] == [K.BOILERPLATE] * 3
    assert kinds("Body text of the article goes here.\nfull story:")[1] == K.BOILERPLATE


def test_boilerplate_web_form() -> None:
    text = (
        "Our campaign needs you, so please fill in the form below:\t\n"
        "Name\t\t\nTown\t\t\nPhone\tEmail\t"
    )
    seg = segment(text)
    assert [p.kind for p in seg.paragraphs] == [K.BOILERPLATE, K.BOILERPLATE]


def test_boilerplate_event_notice() -> None:
    text = (
        "Film showing:\n\nThe hidden history of the docks\n\n"
        "6.30pm, Thursday 3 May\n\nUnity Hall, 12 Canal Road\n\n"
        "Contact: 01234 567890\n\n"
        "The docks closed in 1981, and with them went four thousand jobs in the town."
    )
    ks = kinds(text)
    assert ks[:5] == [K.BOILERPLATE] * 5 and ks[5] == K.PARAGRAPH


def test_heading_like_colon_line_is_not_an_introduction() -> None:
    text = "Upcoming events:\n\nA talk on local history will be held at the museum next week."
    seg = segment(text)
    assert seg.paragraphs[1].kind is K.PARAGRAPH and seg.quotations == ()


def test_signature_at_the_foot() -> None:
    text = "Rail fares rose again this January, the third rise in as many years.\n\nJane Marlow"
    assert kinds(text) == [K.PARAGRAPH, K.SIGNATURE]
    assert (
        kinds("The strike is over and the depot reopens on Monday.\n\n-- ends --")[-1]
        == K.SIGNATURE
    )


def test_epigraph_with_bare_attribution() -> None:
    text = (
        "Those who cannot remember the past are condemned to repeat it, "
        "as all of history shows. G.Santayana\n\n"
        "The town council voted last night to demolish the old mill."
    )
    assert kinds(text) == [K.EPIGRAPH, K.PARAGRAPH]


def test_a_line_ending_with_a_title_goes_on_with_the_name() -> None:
    assert spans("“I spoke to Mrs.\nHale at noon,” he said.\n\nThen he left.") == [
        "“I spoke to Mrs.\nHale at noon,” he said.",
        "Then he left.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Q: And the worst?",
        "ODA: Well, we tried everything.",
        "Thank you. [Applause]",
        "We have three requests:",
    ],
)
def test_turns_stage_directions_and_list_introductions_are_not_headings(line: str) -> None:
    text = f"{line}\n\nThe next paragraph goes on at some length, as prose does in a report."
    assert kinds(text)[0] is K.PARAGRAPH


def test_a_turn_opened_by_a_quotation_mark_is_not_a_heading() -> None:
    text = (
        "Ruiz was asked about the flood.\n\n“ODA: Did you try everything?\n\n"
        "“RUIZ: I did. We worked through the night and into the next day, and we did all that we "
        "could for them.”"
    )
    assert kinds(text) == [K.PARAGRAPH] * 3


@pytest.mark.parametrize(
    "turn",
    [
        "“Why?”",
        "“If you please, sir, if you would”",
        "“Must you tease me so?” he cried. “The ferry”",
        "Surely you see it now?”",  # the end of words opened in the paragraph before
        "“Anne has passed!” she cried",  # a tag after the words
        "“Should our whole talk be of the weather",  # going on in the next paragraph
        "“Benny      ”",  # words broken off, their dash lost
    ],
)
def test_a_turn_of_a_conversation_is_not_a_heading(turn: str) -> None:
    text = (
        "“Then you must leave for Lisbon before noon?”\n\n"
        f"{turn}\n\n"
        "“Because everyone who comes into money goes to Lisbon,” remarked Corvell, as though he "
        "had learned the rule from a pamphlet.\n\n“And what else was there?”"
    )
    assert kinds(text)[1] is K.PARAGRAPH


@pytest.mark.parametrize("title", ["“The Storm”", "“DIVISIVE, STUPID AND WRONG”"])
def test_a_title_or_subheading_in_quotation_marks_is_still_a_heading(title: str) -> None:
    text = f"{title}\n\nThe council met on Tuesday to discuss the flood defences of the old town."
    assert kinds(text)[0] is K.HEADING


def test_a_list_after_a_colon_line_is_not_a_block_quotation() -> None:
    text = (
        "The tenants wrote to the landlord with a long and careful letter about the lifts.\n\n"
        "We have three requests:\n\n"
        "First, a written timetable for the repair of both lifts.\n\n"
        "Second, a stair-climber service until the lifts are working.\n\n"
        "After the course you will be able to:\n\n"
        "read a balance sheet and explain it to a committee."
    )
    assert all(k is not K.BLOCKQUOTE for k in kinds(text))
    assert quotes(text) == []


def test_a_colon_line_telling_the_reader_what_to_do_introduces_no_quotation() -> None:
    feed = "The debate ran late into the night.\nGómez spoke first.\nOrtega answered him."
    for intro in ("Follow our coverage of the forum here:", "Any thoughts? Share the story:"):
        text = f"The candidates met in Mérida on Friday.\n\n{intro}\n\n{feed}"
        assert K.BLOCKQUOTE not in kinds(text)
    # A colon line that reports words still introduces them.
    text = f"The candidates met in Mérida on Friday.\n\nThe mayor wrote:\n\n{feed}"
    assert K.BLOCKQUOTE in kinds(text)


def test_questions_answered_in_a_conversation_are_not_headings() -> None:
    text = (
        "What time do you finish?\n\nUsually by noon, unless it is a holiday.\n\n"
        "Do you like it?\n\nYes, most days."
    )
    assert kinds(text) == [K.PARAGRAPH] * 4
    text = (
        "Is this the end of the peso?\n\nThe currency has weathered many storms since it was "
        "minted, but this slump may run deeper, bankers said on Monday in a round "
        "of phone calls with the paper."
    )
    assert kinds(text) == [K.HEADING, K.PARAGRAPH]


def test_a_caption_is_not_a_heading() -> None:
    text = "The river rose overnight.\n\nFigure 2. Water levels at the gauge, 1990-2020\n\nIt fell."
    assert kinds(text) == [K.PARAGRAPH] * 3


@pytest.mark.parametrize("line", ["Photo: Inès Caron", "Image by the author", "Source: City Hall"])
def test_a_credit_line_is_not_a_heading(line: str) -> None:
    text = f"The river rose overnight.\n\n{line}\n\nIt fell again by the evening."
    assert kinds(text) == [K.PARAGRAPH] * 3


def test_the_items_of_a_list_after_a_colon_line_are_neither_headings_nor_quoted() -> None:
    text = (
        "After this course you will be able to:\n\nWrite a simple program\n\nRead a data file\n\n"
        "Plot a chart of the results\n\nThe course runs for ten weeks and costs nothing to attend."
    )
    assert kinds(text) == [K.PARAGRAPH] * 5
    assert quotes(text) == []


def test_lower_case_items_after_a_colon_line_are_one_paragraph_each() -> None:
    # Items without a full stop: a stray blank line inside a sentence looks the same, but a
    # list's items follow a line that ends with a colon.
    text = (
        "After this course you will be able to:\n\nwrite a short report\n\n"
        "read a whole balance sheet\n\nplan a yearly budget"
    )
    assert kinds(text) == [K.PARAGRAPH] * 4
    stray = "The committee decided, after a debate that lasted into\n\nthe night, to adjourn."
    assert kinds(stray) == [K.PARAGRAPH]


def test_a_line_ending_with_words_and_their_reporting_verb_runs_on_to_the_name() -> None:
    # A short line before a blank line and one other: read line by line, each would be a
    # paragraph, but the verb closing the first line reports the words, and its subject is
    # the name the next line opens with.
    text = (
        "They sat by the fire.\n\n"
        "“Those who plan early rest easily,” said\n"
        "Zoë. “You will never lack for sleep.”\n\n"
        "Nobody answered."
    )
    seg = segment(text)
    assert [text[p.char_start : p.char_end][:6] for p in seg.paragraphs] == [
        "They s",
        "“Those",
        "Nobody",
    ]
    assert [q.speaker for q in seg.quotations] == ["Zoë", "Zoë"]


def test_a_time_of_day_alone_heads_an_entry_even_after_a_colon_line() -> None:
    """A live report's entries under their times: no quoted passage after the colon."""
    text = (
        "KRAKÓW (Wire) — The latest on the count (all times local):\n\n"
        "9:34 p.m.\n\n"
        "Turnout in the city passed 60 percent, officials said, the highest in a decade.\n\n"
        "8 a.m.\n\n"
        "Polls opened across the region under light rain and without incident."
    )
    assert kinds(text) == [K.PARAGRAPH, K.HEADING, K.PARAGRAPH, K.HEADING, K.PARAGRAPH]
    assert quotes(text) == []


def _wrapped_prose(n: int) -> str:
    """`n` blocks of prose hard-wrapped at 60 characters, as a plain-text book is."""
    block = (
        "The long road ran along the river for a mile and then\n"
        "climbed through the orchards towards the house, where the\n"
        "windows were already lit and the dogs were barking loudly.\n\n"
    )
    return block * n


def test_a_full_line_of_a_wrapped_text_goes_on_whatever_case_follows() -> None:
    # The first line stops only because "Halden," would not fit in 60 characters.
    two_lines = (
        "“Tell me at once, now that the gates are far behind us, now\nHalden, what has happened.”"
    )
    short_line = "Tell me at once, now\nHalden, what has happened."
    assert spans(_wrapped_prose(3) + two_lines)[-1] == two_lines
    # A line well short of the width outside quoted words, and a text that is not wrapped,
    # still break there; inside quoted words left open, the paragraph goes on.
    assert spans(_wrapped_prose(3) + short_line)[-2:] == short_line.split("\n")
    assert spans(two_lines) == two_lines.split("\n")
    quoted = "“Tell me at once, now\nHalden, what has happened.”"
    assert spans(_wrapped_prose(3) + quoted)[-1] == quoted


def test_a_line_ending_a_sentence_inside_quoted_words_goes_on() -> None:
    # "Thornwick!" ends a sentence, but the words opened on that line are not closed: in a
    # wrapped text the paragraph goes on.
    two_lines = "“And what would I do in Porto? I miss her, Mr. Thornwick!\nSurely you know that?”"
    assert spans(_wrapped_prose(3) + two_lines)[-1] == two_lines
    # Closed words, or a next line opening words of its own, end the paragraph there.
    closed = "“And what would I do in Porto? I miss her, Mr. Thornwick!”\nSurely you know it."
    assert spans(_wrapped_prose(3) + closed)[-2:] == closed.split("\n")
    reopened = "“And what would I do in Porto? I miss her, Mr. Thornwick!\n“Surely you know that?”"
    assert spans(_wrapped_prose(3) + reopened)[-2:] == reopened.split("\n")


def test_a_full_line_ending_a_sentence_goes_on_into_quoted_words() -> None:
    # "“Why--why--Zoë," would not fit after "shyly." in 60 characters: the line was broken
    # by the wrap, and the quoted words go on with the paragraph.
    two_lines = (
        "“That is a present for you, Zoë,” said Mr. Øberg shyly.\n"
        "“Why--why--Zoë, do you not like it?”"
    )
    assert spans(_wrapped_prose(3) + two_lines)[-1] == two_lines
    # Guard: a short line ending a sentence still ends its paragraph (and a full one after
    # words left open does too: see the next test's "reopened").
    short = "“That is for you,” said Mr. Øberg.\n“Why--why--Zoë, do you not like it?”"
    assert spans(_wrapped_prose(3) + short)[-2:] == short.split("\n")


def test_the_items_of_a_list_under_a_heading_are_not_headings() -> None:
    # Line after line of one block, short and unpunctuated: a list's items or a stanza's
    # lines. The first may head them; a title-and-subtitle pair stays two headings.
    text = (
        "Planting a Pear Tree\n\nWhat You Need\nSpade\nCompost\nA watering can\n\n"
        "Dig a hole twice as wide as the roots and set the tree in it."
    )
    assert kinds(text) == [K.HEADING, K.HEADING] + [K.PARAGRAPH] * 4
    verse = "Under the Elms at Evening\nWe Walked Without a Word\nThe Lawn Was Cold With Dew"
    assert kinds(verse) == [K.HEADING, K.PARAGRAPH, K.PARAGRAPH]
    pair = "Winter Notes\nA Diary of the Lake\n\nThe ice came early this year and stayed."
    assert kinds(pair) == [K.HEADING, K.HEADING, K.PARAGRAPH]
    # A stanza's first line is written in sentence case, as its other lines are.
    stanza = "Under the elms at evening\nWe walked without a word\nThe lawn was cold with dew"
    assert kinds(f"The Walk\n\n{stanza}\n\n{stanza}") == [K.HEADING] + [K.PARAGRAPH] * 6


def test_the_labelled_turns_of_a_conversation_are_not_headings() -> None:
    text = "Inés: Did you get the tickets\nBen: not yet\nInés: okay but hurry up\nBen: I will"
    assert kinds(text) == [K.PARAGRAPH] * 4
    # Labelled lines side by side are a form's fields.
    form = (
        "Chief Complaint: chest pain\nHistory of Present Illness: two days\nMedications: none"
        "\n\nThe patient was seen in the clinic on Monday and sent home with advice to rest."
    )
    assert kinds(form) == [K.PARAGRAPH] * 4
    # A label that opens one line only is a headline's source.
    headline = "Ruiz: Talks went nowhere\n\nThe union said on Monday that it would strike."
    assert kinds(headline) == [K.HEADING, K.PARAGRAPH]


def test_a_line_going_on_in_lower_case_or_broken_off_with_a_dash_is_no_heading() -> None:
    text = "The Orchard Gate\n\nThe gate was open, and the lane\nran down toward the sea"
    assert kinds(text) == [K.HEADING, K.PARAGRAPH]
    titled = "Salt and Stone\n\nby Ida Marsh\n\nThe Harrow clan had farmed the fens for ages."
    assert kinds(titled)[0] is K.HEADING
    for line in ("“But I had rather—”", '"Please, Mr. Ames--"'):
        text = f"{line}\n\nShe turned away from him and went out into the rain without a word."
        assert kinds(text)[0] is K.PARAGRAPH


def test_the_short_turns_of_a_conversation_are_not_headings() -> None:
    # Three or more heading-like lines in a row across blank lines: those written as a
    # sentence is, not as a heading, are turns; the last line heads nothing.
    text = (
        "So how was the trip\n\nIt was fine I guess\n\nJust fine\n\n"
        "Yes, although the hotel was noisy and it rained on every single day we were there.\n\n"
        "Right"
    )
    assert kinds(text) == [K.HEADING] + [K.PARAGRAPH] * 4
    # Headings capitalised as headings stay, however many follow one another.
    book = "Part One\n\nChapter 1\n\nThe Letter\n\nIt was a cold morning when the letter came."
    assert kinds(book) == [K.HEADING] * 3 + [K.PARAGRAPH]


@pytest.mark.parametrize(
    "text",
    [
        # The name after a tag's verb, in lower case on the next line.
        "The end.\n\n“That was never my point,” said\nthe Ferryman.\n\nNext.",
        # A line that ends with an article or a preposition.
        "The end.\n\n“Let us row!” said the Tin Soldier to the\nFerryman. “We can.”\n\nNext.",
        "The end.\n\nThey were stopped by the noise of\nMr. Wen calling everyone in.\n\nNext.",
    ],
)
def test_a_two_line_block_broken_where_no_sentence_ends_is_one_paragraph(text: str) -> None:
    assert len(spans(text)) == 3


def test_a_title_ending_with_a_preposition_stays_apart_from_the_next_paragraph() -> None:
    text = "The consultation nobody was asked about\n\nWhen the council met, few of us came."
    assert len(spans(text)) == 2
