//! One-line summaries of rustdoc Markdown: the first sentence of the first paragraph, found by a
//! Markdown parser (pulldown-cmark) so a `.` inside a link, code span, emphasis or parentheses
//! never ends a sentence, and the Markdown of what is kept stays intact.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The first sentence of the first top-level paragraph of `markdown`, on one line. Docs that
/// open with a list are usually navigation ("Actions", "Data types"), so the first paragraph
/// outside any list wins and the first list item is only the fallback.
pub fn of_markdown(markdown: &str) -> String {
    let mut lists = 0usize;
    let mut fallback: Option<String> = None;
    let mut inline: Option<Inline> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        if let Some(current) = inline.as_mut() {
            let step = current.push(markdown, &event, range.clone());
            if step == Step::More {
                continue;
            }
            let line = inline.take().map(|current| current.finish(markdown)).unwrap_or_default();
            if !line.is_empty() {
                if lists == 0 {
                    return line;
                }
                fallback.get_or_insert(line);
            }
            if step == Step::Consumed {
                continue;
            }
        }
        match event {
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists = lists.saturating_sub(1),
            Event::Start(Tag::Paragraph) => inline = Some(Inline::new(TagEnd::Paragraph, range)),
            // A tight list item holds its text without a paragraph; it starts after its marker.
            Event::Start(Tag::Item) => {
                let marker = list_marker_len(&markdown[range.clone()]);
                inline = Some(Inline::new(TagEnd::Item, range.start + marker..range.end));
            }
            _ => {}
        }
    }
    fallback.unwrap_or_default()
}

/// What one event did to the paragraph being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Still inside it.
    More,
    /// It is over, with this event (its end, or the sentence end).
    Consumed,
    /// It is over before this event (a nested block starts), which the caller still handles.
    Interrupted,
}

/// The inline content of one paragraph (or tight list item), as source ranges of its top-level
/// pieces, until the first sentence end.
struct Inline {
    end: TagEnd,
    /// Where the paragraph's text is in the source (the end moves up when a nested block
    /// interrupts it).
    block: Range<usize>,
    depth: usize,
    parens: usize,
    pieces: Vec<Piece>,
    /// The sentence ended inside the last piece, at this source offset (exclusive).
    cut: Option<usize>,
    /// Text seen so far at the top level (abbreviation checks look back over it).
    text: String,
}

enum Piece {
    /// Text, code or an inline construct (the source is taken whole, so only its presence counts).
    Source,
    /// A line break, read as a space.
    Space(Range<usize>),
}

impl Inline {
    fn new(end: TagEnd, block: Range<usize>) -> Inline {
        Inline { end, block, depth: 0, parens: 0, pieces: Vec::new(), cut: None, text: String::new() }
    }

    /// Take one event of the paragraph.
    fn push(&mut self, markdown: &str, event: &Event<'_>, range: Range<usize>) -> Step {
        match event {
            Event::End(end) if self.depth == 0 && *end == self.end => return Step::Consumed,
            // A nested block (a sub-list, a paragraph of a loose item) ends the item's own text.
            event if self.depth == 0 && is_block_start(event) => {
                self.block.end = self.block.end.min(range.start);
                return Step::Interrupted;
            }
            Event::Start(_) => {
                if self.depth == 0 {
                    self.pieces.push(Piece::Source);
                }
                self.depth += 1;
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            Event::SoftBreak | Event::HardBreak if self.depth == 0 => {
                self.pieces.push(Piece::Space(range));
                self.text.push(' ');
            }
            Event::Text(text) if self.depth == 0 => {
                self.text_piece(markdown, text, range);
                if self.cut.is_some() {
                    return Step::Consumed;
                }
            }
            _ if self.depth == 0 => self.pieces.push(Piece::Source),
            _ => {}
        }
        Step::More
    }

    fn text_piece(&mut self, markdown: &str, text: &str, range: Range<usize>) {
        let start = self.text.len();
        self.text.push_str(text);
        for (i, c) in text.char_indices() {
            match c {
                '(' => self.parens += 1,
                ')' => self.parens = self.parens.saturating_sub(1),
                '.' | '!' | '?' if self.parens == 0 => {
                    let end = i + c.len_utf8();
                    let next = text[end..].strip_prefix(' ').and_then(|a| a.chars().next());
                    if next.is_some_and(|n| !n.is_lowercase() && !n.is_ascii_digit()) && !is_abbreviation(&self.text[..start + end]) {
                        // The same terminator counted in the source, where escapes can shift it.
                        let nth = text[..end].matches(c).count();
                        let source = &markdown[range.clone()];
                        self.cut = source.match_indices(c).nth(nth - 1).map(|(at, _)| range.start + at + c.len_utf8());
                        if self.cut.is_some() {
                            self.pieces.push(Piece::Source);
                            return;
                        }
                    }
                }
                _ => {}
            }
        }
        self.pieces.push(Piece::Source);
    }

    /// The kept Markdown on one line: the source from the paragraph's start to the sentence
    /// end, taken whole (escapes live between the parser's text pieces), line breaks as spaces.
    fn finish(self, markdown: &str) -> String {
        if self.pieces.is_empty() {
            return String::new();
        }
        let end = self.cut.unwrap_or(self.block.end).max(self.block.start);
        let breaks: Vec<&Range<usize>> = self.pieces.iter().filter_map(|p| if let Piece::Space(r) = p { Some(r) } else { None }).collect();
        let mut line = String::with_capacity(end - self.block.start);
        let mut at = self.block.start;
        let mut gap = false;
        while at < end {
            if let Some(r) = breaks.iter().find(|r| r.start == at) {
                gap = true;
                at = r.end.max(at + 1);
                continue;
            }
            let Some(c) = markdown[at..].chars().next() else { break };
            at += c.len_utf8();
            if c == '\n' || (gap && c == ' ') {
                gap = true;
                continue;
            }
            if gap && !line.is_empty() && !line.ends_with(' ') {
                line.push(' ');
            }
            gap = false;
            line.push(c);
        }
        line.trim().to_string()
    }
}

/// The length of a list item's marker and the spaces after it (`- `, `10. `).
fn list_marker_len(item: &str) -> usize {
    let digits = item.chars().take_while(char::is_ascii_digit).count();
    let marker = match item[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => digits + 1,
        Some('-' | '*' | '+') if digits == 0 => 1,
        _ => 0,
    };
    marker + item[marker..].chars().take_while(|c| *c == ' ').count()
}

fn is_block_start(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::CodeBlock(_)
                | Tag::BlockQuote(_)
                | Tag::Heading { .. }
                | Tag::Table(_)
                | Tag::HtmlBlock
        )
    )
}

/// Words whose dot does not end a sentence: common abbreviations and initials (`N.` in
/// "US East (N. Virginia)", `U.S.`).
fn is_abbreviation(prefix: &str) -> bool {
    let word = prefix.rsplit([' ', '(']).next().unwrap_or(prefix);
    let initials = word.len() >= 2 && word.split_terminator('.').all(|part| part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase())) && word.ends_with('.');
    initials || matches!(word, "e.g." | "i.e." | "etc." | "vs." | "approx." | "Inc." | "No." | "Ltd.")
}

#[cfg(test)]
mod tests {
    use super::of_markdown;

    #[test]
    fn sentences_end_where_a_reader_says() {
        let table = [
            ("Send it. Then wait.", "Send it."),
            ("The region US East (N. Virginia) is the default. Others exist.", "The region US East (N. Virginia) is the default."),
            ("Made in the U.S. Since 2010.", "Made in the U.S. Since 2010."),
            ("Call `a.b()`. Then more.", "Call `a.b()`."),
            ("See [the guide. Part 2](https://e.com/x.y). Later.", "See [the guide. Part 2](https://e.com/x.y)."),
            ("Use *this. That* too. End", "Use *this. That* too."),
            ("Version 1.2 is out. Yes", "Version 1.2 is out."),
            ("no end here", "no end here"),
            ("- Actions\n- Types\n\nThe service. More.", "The service."),
            ("- only a list. Item\n- two", "only a list."),
            ("Escaped \\[brackets\\] stay escaped. Next", "Escaped \\[brackets\\] stay escaped."),
            ("A line\\\nbroken. Next", "A line broken."),
            ("# Heading\n\nBody. More", "Body."),
            ("", ""),
        ];
        let failures: Vec<String> = table
            .iter()
            .filter_map(|(input, expected)| {
                let got = of_markdown(input);
                (got != *expected).then(|| format!("input {input:?}\n  expected {expected:?}\n  got      {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }
}
