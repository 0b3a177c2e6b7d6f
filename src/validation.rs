//! [`ValidationReport`]: the result of checking a parsed notification against the vendor's
//! documented contract, separately from parsing.

use std::fmt;

/// How serious a validation [`Issue`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// Something the crate does not know (a new enum value, event type, …): worth logging,
    /// not a reason to reject the payload.
    Warning,
    /// A violation of the documented contract.
    Error,
}

/// One finding of a validation, at a JSON path in wire names.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Issue {
    /// Error or warning.
    pub severity: Severity,
    /// JSON path in wire names, e.g. `body.changes[1].event.sequenceList`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl Issue {
    /// A finding of `severity` at `path` (wire names) saying `message`.
    pub fn new(severity: Severity, path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            severity,
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "$"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)
    }
}

/// Every issue found by a `validate_notification` call, errors and warnings apart.
///
/// ```
/// # let json = include_str!("../tests/webhooks_examples/liveperson/002_dc_webhooks_consumer_text.json");
/// let report = chatwire::validate_notification(&chatwire::parse_notification(json)?);
/// assert!(report.is_valid());
/// for issue in report.warnings() {
///     eprintln!("warning: {issue}");
/// }
/// # Ok::<(), chatwire::ParseError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationReport {
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl ValidationReport {
    /// `true` when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// The contract violations.
    pub fn errors(&self) -> &[Issue] {
        &self.errors
    }

    /// The things this version of the crate does not know.
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Errors then warnings.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> {
        self.errors.iter().chain(&self.warnings)
    }

    pub(crate) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(Issue {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        });
    }

    pub(crate) fn warning(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Issue {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        });
    }
}

impl FromIterator<Issue> for ValidationReport {
    /// A report of the given issues, errors and warnings apart by their severity, each in the
    /// order given (to test code that consumes reports).
    fn from_iter<I: IntoIterator<Item = Issue>>(issues: I) -> Self {
        let mut report = ValidationReport::default();
        for issue in issues {
            match issue.severity {
                Severity::Error => report.errors.push(issue),
                Severity::Warning => report.warnings.push(issue),
            }
        }
        report
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.errors.is_empty() && self.warnings.is_empty() {
            return f.write_str("valid");
        }
        let mut first = true;
        for issue in self.issues() {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            let label = match issue.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            write!(f, "{label}: {issue}")?;
        }
        Ok(())
    }
}

/// Joins a path and a field name (wire names).
pub(crate) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// Appends an index.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
