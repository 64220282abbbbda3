//! Every problem of shape in a source file at once: unknown, missing and repeated keys,
//! values of the wrong kind, empty values, dates and choices that cannot be read.
//!
//! The typed loader stops at its first error. When it does, this pass walks the file's
//! tree ([`super::tree`]) against the JSON Schema of the model (generated from the same Rust
//! types, so it cannot drift from what the loader accepts) and reports each problem it finds,
//! without descending into what is already wrong.

use serde_json::{Map, Value as Json};

use super::tree::{Node, Place, Value};
use crate::diagnostic::{Problem, nearest};
use crate::text::date::{Date, DateError};

/// The problems of shape in `root`, each at its place, in file order.
pub fn check(root: &Node) -> Vec<(Place, Problem)> {
    let schema =
        serde_json::to_value(schemars::schema_for!(crate::source::Source)).unwrap_or_default();
    let no_defs = Map::new();
    let mut walk = Walk {
        defs: schema
            .get("$defs")
            .and_then(Json::as_object)
            .unwrap_or(&no_defs),
        found: Vec::new(),
    };
    walk.node(root, &schema, None);
    walk.found.sort_by_key(|(place, _)| *place);
    walk.found
}

/// The key a value stands under, for messages and for the place of a missing key.
#[derive(Clone, Copy)]
struct Under<'a> {
    key: &'a str,
    place: Place,
}

struct Walk<'s> {
    defs: &'s Map<String, Json>,
    found: Vec<(Place, Problem)>,
}

/// What a schema wants, reduced to what this pass checks.
#[derive(Debug, PartialEq)]
enum Want {
    Keys,
    List,
    Text,
    Number,
    Null,
    Anything,
}

impl<'s> Walk<'s> {
    fn resolve(&self, mut schema: &'s Json) -> &'s Json {
        for _ in 0..16 {
            let Some(name) = schema
                .get("$ref")
                .and_then(Json::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            else {
                break;
            };
            match self.defs.get(name) {
                Some(def) => schema = def,
                None => break,
            }
        }
        schema
    }

    fn want(schema: &Json) -> Want {
        let types: Vec<&str> = match schema.get("type") {
            Some(Json::String(t)) => vec![t],
            Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        let first = types.iter().find(|t| **t != "null");
        if first.is_none() && !types.is_empty() {
            return Want::Null;
        }
        match first.copied() {
            Some("object") => Want::Keys,
            Some("array") => Want::List,
            Some("string") => Want::Text,
            Some("integer" | "number") => Want::Number,
            _ if schema.get("enum").is_some() || schema.get("oneOf").is_some() => Want::Text,
            _ => Want::Anything,
        }
    }

    fn allows_null(schema: &Json) -> bool {
        match schema.get("type") {
            Some(Json::String(t)) => t == "null",
            Some(Json::Array(ts)) => ts.iter().any(|t| t == "null"),
            _ => false,
        }
    }

    fn node(&mut self, node: &Node, schema: &'s Json, under: Option<Under>) {
        let schema = self.resolve(schema);
        if matches!(node.value, Value::Alias) {
            return; // not expanded: whatever it refers to was checked where it was written
        }
        if let Some(options) = schema.get("anyOf").and_then(Json::as_array) {
            let options: Vec<&Json> = options.iter().map(|o| self.resolve(o)).collect();
            if node.is_null() && options.iter().any(|o| Self::allows_null(o)) {
                return;
            }
            // An item is text or keys: a plain value YAML reads as something else (a number,
            // yes/no, nothing) is neither, though it looks like text.
            let item = options.iter().any(|o| Self::want(o) == Want::Keys)
                && options.iter().any(|o| Self::want(o) == Want::Text);
            if item
                && let Value::Scalar { text, plain: true } = &node.value
                && let Some(reads_as) = not_text(text)
            {
                self.found.push((
                    node.place,
                    Problem::NotText {
                        value: text.clone(),
                        reads_as: reads_as.to_owned(),
                    },
                ));
                return;
            }
            let fits = |o: &&&Json| {
                matches!(
                    (Self::want(o), &node.value),
                    (Want::Keys, Value::Map(_))
                        | (Want::List, Value::List(_))
                        | (Want::Text | Want::Number, Value::Scalar { .. })
                        | (Want::Anything, _)
                )
            };
            // Several options may fit the kind of node (`{law: …}` or `{joint_use: …}`):
            // the one with the fewest problems is what the writer meant.
            let fitting: Vec<&&Json> = options.iter().filter(fits).collect();
            let trials: Vec<Vec<(Place, Problem)>> = fitting
                .iter()
                .map(|option| {
                    let mut trial = Walk {
                        defs: self.defs,
                        found: Vec::new(),
                    };
                    trial.node(node, option, under);
                    trial.found
                })
                .collect();
            let best = merge_unknown_keys(&trials)
                .or_else(|| trials.iter().min_by_key(|t| t.len()).cloned());
            match best {
                Some(found) => self.found.extend(found),
                None => {
                    let item = options.len() > 1
                        && options.iter().any(|o| Self::want(o) == Want::Keys)
                        && options.iter().any(|o| Self::want(o) == Want::Text);
                    let expected = if item {
                        "item"
                    } else {
                        match options.iter().map(|o| Self::want(o)).next() {
                            Some(Want::List) => "list",
                            Some(Want::Keys) => "keys",
                            _ => "text",
                        }
                    };
                    self.wrong_shape(node, expected, under);
                }
            }
            return;
        }
        if node.is_null() && Self::allows_null(schema) {
            return;
        }
        match (Self::want(schema), &node.value) {
            (Want::Keys, Value::Map(entries)) => self.map(node, entries, schema, under),
            (Want::List, Value::List(items)) => {
                if let Some(item) = schema.get("items") {
                    for child in items {
                        self.node(child, item, under);
                    }
                }
            }
            (Want::Text, Value::Scalar { text, .. }) => self.text(node, text, schema, under),
            (Want::Number, Value::Scalar { text, plain }) => {
                if node.is_null() {
                    self.missing_value(node, under);
                } else if !plain || text.trim().parse::<i64>().is_err() {
                    self.wrong_shape(node, "number", under);
                }
            }
            (Want::Anything | Want::Null, _) => {}
            (Want::Keys, _) => self.wrong_shape(node, "keys", under),
            (Want::List, _) => self.wrong_shape(node, "list", under),
            (Want::Text, _) => self.wrong_shape(node, "text", under),
            (Want::Number, _) => self.wrong_shape(node, "number", under),
        }
    }

    fn text(&mut self, node: &Node, text: &str, schema: &'s Json, under: Option<Under>) {
        if node.is_null() {
            self.missing_value(node, under);
            return;
        }
        let allowed: Vec<String> = match (schema.get("enum"), schema.get("oneOf")) {
            (Some(Json::Array(values)), _) => values
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            (_, Some(Json::Array(options))) => options
                .iter()
                .flat_map(|o| {
                    let o = self.resolve(o);
                    let mut values: Vec<String> = o
                        .get("enum")
                        .and_then(Json::as_array)
                        .map(|e| {
                            e.iter()
                                .filter_map(|v| v.as_str().map(str::to_owned))
                                .collect()
                        })
                        .unwrap_or_default();
                    values.extend(o.get("const").and_then(Json::as_str).map(str::to_owned));
                    values
                })
                .collect(),
            _ => Vec::new(),
        };
        if !allowed.is_empty() && !allowed.iter().any(|a| a == text) {
            self.found.push((
                node.place,
                Problem::UnknownChoice {
                    key: under.map(|u| u.key.to_owned()).unwrap_or_default(),
                    value: text.to_owned(),
                    suggestion: nearest(text, allowed.iter().map(String::as_str)),
                    allowed,
                },
            ));
            return;
        }
        let is_date = schema.get("pattern").and_then(Json::as_str) == Some(DATE_PATTERN);
        if is_date && let Err(error) = Date::parse(text) {
            self.found.push((node.place, date_problem(&error)));
        }
    }

    fn map(
        &mut self,
        node: &Node,
        entries: &[(Node, Node)],
        schema: &'s Json,
        under: Option<Under>,
    ) {
        let properties = schema.get("properties").and_then(Json::as_object);
        let closed = schema.get("additionalProperties") == Some(&Json::Bool(false));
        let extra = schema.get("additionalProperties").filter(|a| a.is_object());
        // A merge key (`<<: *base`) brings keys this pass cannot see: check only what is here.
        let merges = entries.iter().any(|(k, _)| k.text() == Some("<<"));
        let mut seen: Vec<&str> = Vec::new();
        // A misspelt key is one mistake: its suggestion is not reported missing as well.
        let mut suggested: Vec<String> = Vec::new();
        for (key, value) in entries {
            let Some(name) = key.text() else {
                self.wrong_shape(key, "text", under);
                continue;
            };
            if seen.contains(&name) {
                self.found.push((
                    key.place,
                    Problem::DuplicateKey {
                        key: Some(name.to_owned()),
                    },
                ));
                continue;
            }
            seen.push(name);
            let here = Some(Under {
                key: name,
                place: key.place,
            });
            match properties.and_then(|p| p.get(name)) {
                Some(property) => self.node(value, property, here),
                None => match &extra {
                    Some(extra) => self.node(value, extra, here),
                    None if closed && name != "<<" => {
                        let expected: Vec<String> = properties
                            .map(|p| p.keys().cloned().collect())
                            .unwrap_or_default();
                        let suggestion = nearest(name, expected.iter().map(String::as_str));
                        suggested.extend(suggestion.clone());
                        self.found.push((
                            key.place,
                            Problem::UnknownKey {
                                key: name.to_owned(),
                                suggestion,
                                expected,
                            },
                        ));
                    }
                    None => {}
                },
            }
        }
        // Keys none of which belong here: not this kind of file, or not this place; the
        // unknown keys say so, and listing every missing key as well would bury them.
        let known = seen
            .iter()
            .any(|k| properties.is_some_and(|p| p.contains_key(*k)));
        if merges || (!known && !seen.is_empty() && extra.is_none()) {
            return;
        }
        let required = schema.get("required").and_then(Json::as_array);
        for key in required.into_iter().flatten().filter_map(Json::as_str) {
            if !seen.contains(&key) && !suggested.iter().any(|s| s == key) {
                let place = under.map_or(node.place, |u| u.place);
                self.found.push((
                    place,
                    Problem::MissingKey {
                        key: key.to_owned(),
                        parent: under.map(|u| u.key.to_owned()),
                    },
                ));
            }
        }
    }

    fn wrong_shape(&mut self, node: &Node, expected: &str, under: Option<Under>) {
        if node.is_null() && expected != "keys" && expected != "list" {
            self.missing_value(node, under);
            return;
        }
        let found = match &node.value {
            _ if node.is_null() => "empty",
            Value::Map(_) => "keys",
            Value::List(_) => "list",
            _ => "text",
        };
        self.found.push((
            node.place,
            Problem::WrongShape {
                expected: expected.to_owned(),
                found: Some(found.to_owned()),
                key: under.map(|u| u.key.to_owned()),
            },
        ));
    }

    fn missing_value(&mut self, node: &Node, under: Option<Under>) {
        let key = under.map(|u| u.key.to_owned()).unwrap_or_default();
        let place = under.map_or(node.place, |u| u.place);
        self.found.push((place, Problem::MissingValue { key }));
    }
}

/// What YAML reads a plain scalar as when it is not text: `null` (`~`, `null`, nothing),
/// `yes_no` (`true`, `yes`, `off`, …) or `number` (`123`, `1.5`, `0x1F`).
fn not_text(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let cased = t == lower || t == t.to_ascii_uppercase() || t == capitalised(&lower);
    if matches!(t, "" | "~") || (cased && lower == "null") {
        return Some("null");
    }
    if cased
        && matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off"
        )
    {
        return Some("yes_no");
    }
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    let number = digits.parse::<f64>().is_ok()
        && digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        || digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0o"))
            .is_some_and(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_hexdigit()))
        || (cased && matches!(lower.as_str(), ".inf" | "+.inf" | "-.inf" | ".nan"));
    number.then_some("number")
}

fn capitalised(lower: &str) -> String {
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// When every form of keys finds the same one unknown key, one problem that lists the keys
/// of all of them.
fn merge_unknown_keys(trials: &[Vec<(Place, Problem)>]) -> Option<Vec<(Place, Problem)>> {
    let mut merged: Option<(Place, String, Vec<String>)> = None;
    for trial in trials {
        let [(place, Problem::UnknownKey { key, expected, .. })] = &trial[..] else {
            return None;
        };
        match &mut merged {
            None => merged = Some((*place, key.clone(), expected.clone())),
            Some((p, k, all)) if p == place && k == key => {
                all.extend(
                    expected
                        .iter()
                        .filter(|e| !all.contains(e))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            Some(_) => return None,
        }
    }
    let (place, key, expected) = merged?;
    let suggestion = nearest(&key, expected.iter().map(String::as_str));
    Some(vec![(
        place,
        Problem::UnknownKey {
            key,
            expected,
            suggestion,
        },
    )])
}

/// The pattern the schema gives dates (see [`Date`]'s schema).
const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// The problem of a text that is not a date.
pub fn date_problem(error: &DateError) -> Problem {
    match error {
        DateError::Format(text) => Problem::InvalidDate {
            text: text.clone(),
            reason: "format".to_owned(),
        },
        DateError::NoSuchDay(text) => Problem::InvalidDate {
            text: text.clone(),
            reason: "no_such_day".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::tree;

    fn codes(yaml: &str) -> Vec<(usize, String)> {
        let root = tree::read(yaml).unwrap().unwrap();
        check(&root)
            .into_iter()
            .map(|(place, p)| (place.line, p.code()))
            .collect()
    }

    const GOOD: &str = include_str!("../../tests/fixtures/render/nested/purposes.yaml");

    #[test]
    fn a_good_file_has_no_problem_of_shape() {
        assert_eq!(codes(GOOD), []);
        assert_eq!(
            codes(include_str!("../../purposes.yaml")),
            Vec::<(usize, String)>::new()
        );
    }

    #[test]
    fn of_several_forms_of_keys_the_one_written_is_checked() {
        let yaml = GOOD.replacen(
            "        - 保険給付の実施",
            "        - text: 保険給付の実施\n          basis: {law: 健康保険法}",
            1,
        );
        if yaml != GOOD {
            assert_eq!(codes(&yaml), Vec::<(usize, String)>::new());
            let wrong = yaml.replacen("{law: 健康保険法}", "{lwa: 健康保険法}", 1);
            let root = tree::read(&wrong).unwrap().unwrap();
            let found = check(&root);
            let [
                (
                    _,
                    Problem::UnknownKey {
                        expected,
                        suggestion,
                        ..
                    },
                ),
            ] = &found[..]
            else {
                panic!("{found:?}")
            };
            assert!(
                expected.contains(&"law".to_owned()) && expected.contains(&"joint_use".to_owned())
            );
            assert_eq!(suggestion.as_deref(), Some("law"));
        }
    }

    #[test]
    fn three_misspelt_keys_give_three_problems() {
        let yaml = GOOD
            .replacen("short_name:", "shortname:", 1)
            .replacen("purposes_heading:", "purpose_heading:", 1)
            .replacen("column:", "colum:", 1);
        let found = codes(&yaml);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().all(|(_, c)| c == "unknown_key"));
    }
}
