//! The `check` command: load, validate, lint and render every template in memory, writing
//! nothing, and report every problem found.

use crate::build::{self, BuildOptions};
use crate::error::{Diagnostic, Error, Result, Severity};
use crate::lint::Term;
use crate::render::{Rendered, Renderer};
use crate::source::load::Loaded;
use crate::{law, lint, parallel, source};

/// What a check found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Errors and warnings, located, in file order (the source's first, then templates').
    pub diagnostics: Vec<Diagnostic>,
    /// Everything rendered, when the source and every template rendered; `build` writes
    /// this rather than render twice.
    pub rendered: Option<Rendered>,
}

impl Report {
    /// How many errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        count(&self.diagnostics, severity)
    }

    /// Whether publishing must stop: any error, or any warning when warnings are denied.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.errors() > 0 || (deny_warnings && self.warnings() > 0)
    }
}

/// Checks everything `build` would use, without writing. Problems in the user's files are
/// in the report; only trouble reading them is an `Err`.
pub fn check(options: &BuildOptions) -> Result<Report> {
    let jobs = parallel::jobs_for_source(&options.source);
    // The templates compile on a second thread while the source is read, checked against
    // the law and linted: none of that needs them. Compiling the built-in templates is a
    // third of a small build's work, far more than starting a thread costs, so this holds
    // whatever the source's size; if no thread can be had, they compile here.
    std::thread::scope(|scope| {
        let compiling = std::thread::Builder::new()
            .spawn_scoped(scope, || build::compile(options, jobs))
            .ok();
        let compiled = move || match compiling {
            Some(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => build::compile(options, jobs),
        };
        check_loaded(
            options,
            load_source(options)?,
            jobs,
            |loaded| {
                compiled().and_then(|mut renderer| {
                    let rendered =
                        build::render_source(&mut renderer, &loaded.source, &loaded.text, options);
                    parallel::drop_later(jobs, renderer);
                    rendered
                })
            },
            |loaded| {
                lint_source(
                    options,
                    loaded,
                    lint::load_terms(&options.source, options.links),
                )
            },
        )
    })
}

/// Checks as [`check`] does, on this thread, with templates compiled and terminology lists
/// read before: a federation keeps them for the sources that share them.
pub fn check_with(
    options: &BuildOptions,
    renderer: Result<&mut Renderer>,
    terms: Result<&[Term]>,
) -> Result<Report> {
    check_loaded(
        options,
        load_source(options)?,
        1,
        |loaded| {
            renderer.and_then(|renderer| {
                build::render_source(renderer, &loaded.source, &loaded.text, options)
            })
        },
        |loaded| lint_source(options, loaded, terms),
    )
}

/// The check of a source read (or not, when it could not be parsed) with the problems found
/// so far: linted with `lint` and rendered with `render`, both on up to `jobs` threads.
fn check_loaded(
    options: &BuildOptions,
    (loaded, mut diagnostics): (Option<Loaded>, Vec<Diagnostic>),
    jobs: usize,
    render: impl FnOnce(&Loaded) -> Result<Rendered> + Send,
    lint: impl FnOnce(&Loaded) -> Result<Vec<Diagnostic>> + Send,
) -> Result<Report> {
    let Some(loaded) = loaded else {
        return Ok(Report::finish(diagnostics, None));
    };
    if !has_errors(&diagnostics) {
        // What the law requires is worth reading once the file itself is sound.
        diagnostics.extend(law::check(&loaded.source, &options.source, &loaded.text));
    }
    if has_errors(&diagnostics) {
        // The templates expect a source that passed the checks.
        diagnostics.extend(lint(&loaded)?);
        return Ok(Report::finish(diagnostics, None));
    }
    // Lint findings never change what is rendered, so linting and rendering overlap; the
    // rendering is set aside if the terminology list itself turns out to be broken.
    let (linted, rendered) = parallel::join(jobs, || lint(&loaded), || render(&loaded));
    diagnostics.extend(linted?);
    if let Ok(rendered) = &rendered {
        diagnostics.extend(rendered.warnings.iter().map(|problem| {
            Diagnostic::of_render_warning(&options.source, &loaded.text, problem.clone())
        }));
        diagnostics.extend(rendered.template_warnings.iter().cloned());
    }
    if let (Ok(rendered), true) = (&rendered, options.publish_guard)
        && !has_errors(&diagnostics)
    {
        diagnostics.extend(crate::compare::publish_guard::check_published(
            options,
            &loaded.source,
            &loaded.text,
            &rendered.outputs,
        ));
    }
    parallel::drop_later(jobs, loaded);
    if has_errors(&diagnostics) {
        return Ok(Report::finish(diagnostics, None));
    }
    match rendered {
        Ok(rendered) => Ok(Report::finish(diagnostics, Some(rendered))),
        Err(Error::Template(diagnostic) | Error::Unencodable(diagnostic)) => {
            let mut report = Report::finish(diagnostics, None);
            report.diagnostics.push(*diagnostic);
            Ok(report)
        }
        Err(other) => Err(other),
    }
}

impl Report {
    /// The report of the source's `diagnostics` (put in file order) and what was rendered.
    fn finish(mut diagnostics: Vec<Diagnostic>, rendered: Option<Rendered>) -> Report {
        diagnostics.sort_by_key(|d| (d.line, d.column));
        Report {
            diagnostics,
            rendered,
        }
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity() == severity)
        .count()
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    count(diagnostics, Severity::Error) > 0
}

/// Reads, parses and validates the source: the source when it could be parsed, and the
/// problems found.
fn load_source(options: &BuildOptions) -> Result<(Option<Loaded>, Vec<Diagnostic>)> {
    match source::load::read_file_with(&options.source, options.links) {
        Ok(mut loaded) => {
            let problems = std::mem::take(&mut loaded.problems);
            Ok((Some(loaded), problems))
        }
        Err(Error::Source(diagnostics)) => Ok((None, diagnostics)),
        Err(other) => Err(other),
    }
}

/// Lints a parsed source with the terminology lists, given as read; a broken user list is
/// reported as the source's own problems.
fn lint_source(
    options: &BuildOptions,
    loaded: &Loaded,
    terms: Result<impl std::ops::Deref<Target = [Term]>>,
) -> Result<Vec<Diagnostic>> {
    match terms {
        Ok(terms) => Ok(lint::lint(
            &loaded.source,
            &terms,
            &options.source,
            &loaded.text,
        )),
        Err(Error::Source(diagnostics)) => Ok(diagnostics),
        Err(other) => Err(other),
    }
}
