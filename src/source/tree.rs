//! The YAML of a source file as a plain tree of located nodes, read tolerantly: no schema,
//! no alias expansion. Used only to explain a file the typed loader rejected, so that every
//! independent problem can be found in one pass (see [`super::shape`]).

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

/// A place in the file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Place {
    /// The place a parser marker points at.
    pub fn of(marker: &Marker) -> Place {
        Place {
            line: marker.line(),
            column: marker.col() + 1,
        }
    }
}

/// A node of the tree with the place it starts at.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node starts.
    pub place: Place,
    /// What it is.
    pub value: Value,
}

/// The kinds of YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar: its text, and whether it was written without quotes (plain scalars
    /// `~`, `null` and nothing at all are YAML's null).
    Scalar {
        /// The text after YAML's escapes and folding.
        text: String,
        /// Written without quotes or block indicator.
        plain: bool,
    },
    /// A list.
    List(Vec<Node>),
    /// Keys and values, in the order written.
    Map(Vec<(Node, Node)>),
    /// A reference to an anchor (`*name`); not expanded.
    Alias,
}

impl Node {
    /// Whether this is YAML's null: nothing, `~` or `null`, unquoted.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }
}

/// Why a text could not be read as YAML at all.
#[derive(Debug, Clone)]
pub enum ReadError {
    /// The parser's own error, typed.
    Syntax(ScanError),
    /// More than one document (`---`), at the second one.
    MultipleDocuments(Place),
}

/// Reads the first document of `text`; `None` when it holds no document.
pub fn read(text: &str) -> Result<Option<Node>, ReadError> {
    let mut parser = Parser::new_from_str(text);
    // Open collections: a list's items, or a map's entries with a key waiting for its value.
    enum Open {
        List(Place, Vec<Node>),
        Map(Place, Vec<(Node, Node)>, Option<Node>),
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in parser.by_ref() {
        let (event, span) = event.map_err(ReadError::Syntax)?;
        let place = Place::of(&span.start);
        let node = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(ReadError::MultipleDocuments(place));
                }
                continue;
            }
            Event::Scalar(text, style, ..) => Node {
                place,
                value: Value::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                },
            },
            Event::Alias(_) => Node {
                place,
                value: Value::Alias,
            },
            Event::SequenceStart(..) => {
                stack.push(Open::List(place, Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Open::Map(place, Vec::new(), None));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::List(place, items)) => Node {
                    place,
                    value: Value::List(items),
                },
                Some(Open::Map(place, entries, _)) => Node {
                    place,
                    value: Value::Map(entries),
                },
                None => continue,
            },
            _ => continue,
        };
        match stack.last_mut() {
            Some(Open::List(_, items)) => items.push(node),
            Some(Open::Map(_, entries, key)) => match key.take() {
                Some(key) => entries.push((key, node)),
                None => *key = Some(node),
            },
            None => {
                if root.is_none() {
                    root = Some(node);
                }
            }
        }
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_lists_and_places() {
        let node = read("a:\n  - x\n  - y: 1\nb: ~\n").unwrap().unwrap();
        let Value::Map(entries) = &node.value else {
            panic!("{node:?}")
        };
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].0.text(), Some("a"));
        let Value::List(items) = &entries[0].1.value else {
            panic!()
        };
        assert_eq!(items[1].place, Place { line: 3, column: 5 });
        assert!(entries[1].1.is_null());
    }

    #[test]
    fn syntax_errors_and_documents_are_reported() {
        assert!(matches!(read("a: 'b\n"), Err(ReadError::Syntax(_))));
        assert!(matches!(
            read("a: 1\n---\nb: 2\n"),
            Err(ReadError::MultipleDocuments(Place { line: 2, .. }))
        ));
        assert_eq!(read("# only a comment\n").unwrap(), None);
    }
}
