//! Check: rules x facts -> findings. One module per requirement kind, each with one
//! entry point `check(rule, ctx, sections, out) -> summary`; this module finds the
//! sections, inspects the files they hold (once each), and routes findings.

pub mod evidence;
mod placing;
mod route;

pub use crate::view::{Context, RunOptions, context, gallery, substance, tally};

use std::collections::HashMap;

use rayon::prelude::*;

use crate::codes::Code;
use crate::findings::{Finding, Findings, Msg, Severity};
use crate::inspect::{self, Facts};
use crate::intake::{EntryId, Problems, Submission};
use crate::rules::{Rule, Rules};
use crate::triage::{Material, hygiene, sections};

macro_rules! dispatch_checks {
    ($($variant:ident($module:ident::$rule:ident)),* $(,)?) => {
        /// Runs the check of the requirement's kind on its section; returns its summary.
        fn check_kind(kind: &dyn Rule, ctx: &Context, section: &[EntryId], out: &mut Findings) -> Msg {
            $(if let Some(rule) = kind.as_any().downcast_ref::<crate::kinds::$module::$rule>() {
                return crate::kinds::$module::check::check(rule, ctx, section, out);
            })*
            // Every rule is read through the registry the dispatch is made from.
            debug_assert!(false, "kind {} is not in the registry", kind.name());
            Msg::new("", "")
        }
    };
}

crate::with_kinds!(dispatch_checks);

/// The result of one requirement's check, before deadlines are applied.
#[derive(Debug)]
pub struct RequirementOutcome {
    pub summary: Msg,
    pub findings: Vec<Finding>,
    /// Whether anything was sent for it: its section holds at least one file. What
    /// was sent is judged now, whatever the deadline; only a requirement with nothing
    /// sent can be "not yet due".
    pub sent: bool,
    /// What the HTML report shows of the material: a card per board or entry.
    pub cards: Vec<gallery::Card>,
}

/// The result of checking one submission.
#[derive(Debug)]
pub struct Outcome {
    /// One per rule, in rule order.
    pub requirements: Vec<RequirementOutcome>,
    /// Findings that belong to no requirement.
    pub findings: Vec<Finding>,
}

/// Applies `[severity]` overrides: a new severity, or `off` to drop the finding.
fn apply_severity(
    overrides: &HashMap<Code, Option<crate::findings::Severity>>,
    findings: &mut Vec<Finding>,
) {
    findings.retain_mut(|f| match overrides.get(&f.code) {
        None => true,
        Some(None) => false,
        Some(Some(severity)) => {
            f.severity = *severity;
            true
        }
    });
}

/// Keeps the first [`MAX_FINDINGS_PER_CODE`] findings of each code and replaces the
/// rest with one finding that counts them.
fn cap_per_code(findings: &mut Vec<Finding>) {
    use crate::limits::MAX_FINDINGS_PER_CODE;
    let mut seen: HashMap<Code, usize> = HashMap::new();
    let mut dropped: Vec<(Code, crate::findings::Severity, usize)> = Vec::new();
    findings.retain(|f| {
        let n = seen.entry(f.code).or_default();
        *n += 1;
        if *n <= MAX_FINDINGS_PER_CODE {
            return true;
        }
        match dropped.iter_mut().find(|(c, _, _)| *c == f.code) {
            Some(entry) => entry.2 += 1,
            None => dropped.push((f.code, f.severity, 1)),
        }
        false
    });
    for (code, severity, n) in dropped {
        let mut finding = Finding::new(code, "", msg!("findings-capped", n, code));
        finding.severity = severity;
        findings.push(finding);
    }
}

/// Checks one submission; a bug in baosong itself becomes a finding on this submission
/// instead of ending the run for every other one.
pub fn check_guarded(
    rules: &Rules,
    sub: &Submission,
    run: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> Outcome {
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_submission_with(rules, sub, run, progress)
    }));
    checked.unwrap_or_else(|_| crashed_outcome(rules))
}

/// The outcome of a submission whose check crashed: every requirement carries an
/// `internal-error` finding, so that none reads as passed or as not yet due.
pub fn crashed_outcome(rules: &Rules) -> Outcome {
    let crashed = Finding::new(Code::InternalError, "", msg!("internal-error-requirement"));
    Outcome {
        requirements: same_for_every_requirement(rules, msg!("not-checked"), vec![crashed]),
        findings: Vec::new(),
    }
}

/// What a requirement without a section says: not found, or found as an empty file
/// (0 bytes) the user can see but that holds nothing.
fn missing_section(
    req: &crate::rules::Requirement,
    sub: &Submission,
    root: EntryId,
    out: &mut Findings,
) -> Msg {
    let title = req.name();
    let keywords = Msg::alternatives(&req.keywords);
    // A file the user can see but that holds nothing (0 bytes) is named
    // as such, rather than "not found".
    let empty = sub.children(root).iter().copied().find(|&c| {
        let entry = sub.entry(c);
        !entry.is_dir() && entry.size() == 0 && sections::names_requirement(req, entry.stem())
    });
    match empty {
        Some(file) => {
            let (name, path) = (&sub.entry(file).name, &sub.entry(file).path);
            out.push(
                Code::SectionMissing,
                path.as_str(),
                msg!("section-missing", name, title),
            );
            msg!("summary-file-empty")
        }
        None => {
            out.push(
                Code::SectionMissing,
                "",
                msg!("section-missing-named", title, keywords),
            );
            msg!("section-missing-short")
        }
    }
}

/// A cover letter sent beside the material it sends is harmless: when nothing else is
/// wrong with the requirement, the letter is information, not an error.
fn letters_beside_material(out: &mut Findings) {
    let met = !out
        .0
        .iter()
        .any(|f| f.severity == Severity::Error && f.code != Code::DocumentCoverLetter);
    if met {
        for f in out
            .0
            .iter_mut()
            .filter(|f| f.code == Code::DocumentCoverLetter)
        {
            f.severity = Severity::Info;
        }
    }
}

pub fn check_submission(rules: &Rules, sub: &Submission) -> Outcome {
    check_submission_with(rules, sub, &RunOptions::today(), &|| {})
}

/// Checks one submission, inspecting its files in parallel; `progress` is called once
/// per file inspected.
pub fn check_submission_with(
    rules: &Rules,
    sub: &Submission,
    run: &RunOptions,
    progress: &(dyn Fn() + Sync),
) -> Outcome {
    // An archive that could not be opened holds nothing to judge: its one finding
    // says so, without a "not found" for every requirement.
    if sub.unopened() {
        return unopened_outcome(rules, sub);
    }
    let mut problems = Problems(sub.problems.clone());
    let material = Material(hygiene::scan(sub, &mut problems));
    let root = sections::effective_root(rules, sub, &material);
    let (placement, read) = placing::place(rules, sub, root, &material);
    let crate::triage::placement::Placement {
        sections,
        single,
        notes,
    } = placement;
    let ctx = inspect_sections(
        rules,
        sub,
        (&material, single),
        &sections,
        (run, read),
        progress,
    );

    let mut requirements = judge_shared(&ctx, &sections, root);
    let mut loose = Vec::new();
    for (index, finding) in notes {
        match index {
            Some(index) => requirements[index].findings.push(finding),
            None => loose.push(finding),
        }
    }
    evidence::check(&ctx, &sections, &mut problems);
    loose.extend(route::route(sub, &sections, problems, &mut requirements));
    route::route_damaged_attachments(rules, &mut loose, &mut requirements);
    for findings in requirements
        .iter_mut()
        .map(|r| &mut r.findings)
        .chain(std::iter::once(&mut loose))
    {
        apply_severity(&rules.severity, findings);
        findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.path.cmp(&b.path)));
        cap_per_code(findings);
    }
    Outcome {
        requirements,
        findings: loose,
    }
}

/// Checks every requirement on the facts, in rule order, all claiming material from one
/// tally.
fn judge(ctx: &Context, sections: &[Vec<EntryId>], root: EntryId) -> Vec<RequirementOutcome> {
    ctx.rules
        .requirements
        .iter()
        .zip(sections)
        .enumerate()
        .map(|(index, (req, section))| {
            ctx.requirement.set(index);
            let mut out = Findings::default();
            let summary = if section.is_empty() {
                missing_section(req, ctx.sub, root, &mut out)
            } else {
                check_kind(&*req.kind, ctx, section, &mut out)
            };
            letters_beside_material(&mut out);
            RequirementOutcome {
                summary,
                findings: out.0,
                sent: !section.is_empty() && !ctx.holds_no_file(section),
                cards: ctx.cards.take(),
            }
        })
        .collect()
}

/// [`judge`], with texts shared by two requirements given to the one that needs them.
/// The first requirement to claim a text keeps it; when that leaves a later one short
/// while the first is met, the text is reserved for the later one and all are judged
/// again, and the second judgement is kept when every requirement that gave a text up
/// is still met (a third board that is also the only case goes to the cases).
fn judge_shared(
    ctx: &Context,
    sections: &[Vec<EntryId>],
    root: EntryId,
) -> Vec<RequirementOutcome> {
    let first = judge(ctx, sections, root);
    let failing = |o: &RequirementOutcome| o.findings.iter().any(|f| f.severity == Severity::Error);
    let conflicts = ctx.tally.borrow().conflicts().to_vec();
    let give: Vec<tally::Conflict> = conflicts
        .into_iter()
        .filter(|c| failing(&first[c.requirement]) && !failing(&first[c.earlier]))
        .collect();
    if give.is_empty() {
        return first;
    }
    let reserved: Vec<(EntryId, usize, tally::Fingerprint)> = give
        .iter()
        .filter_map(|c| match ctx.facts(c.file) {
            Facts::Text(t) => Some((c.file, c.requirement, tally::fingerprint(&t.text))),
            _ => None,
        })
        .collect();
    *ctx.tally.borrow_mut() = tally::Tally::reserving(reserved);
    let second = judge(ctx, sections, root);
    if give.iter().all(|c| !failing(&second[c.earlier])) {
        second
    } else {
        first
    }
}

/// One outcome repeated for every requirement: nothing was checked.
fn same_for_every_requirement(
    rules: &Rules,
    summary: Msg,
    findings: Vec<Finding>,
) -> Vec<RequirementOutcome> {
    rules
        .requirements
        .iter()
        .map(|_| RequirementOutcome {
            summary: summary.clone(),
            findings: findings.clone(),
            sent: false,
            cards: Vec::new(),
        })
        .collect()
}

fn unopened_outcome(rules: &Rules, sub: &Submission) -> Outcome {
    Outcome {
        requirements: same_for_every_requirement(rules, msg!("summary-cannot-open"), Vec::new()),
        findings: sub.problems.iter().map(|p| p.finding.clone()).collect(),
    }
}

/// Inspects every file in a section (once each, in parallel), finds the identical
/// ones, and with `--deep` decodes every photo: what the checks see.
fn inspect_sections<'a>(
    rules: &'a Rules,
    sub: &'a Submission,
    (material, single): (&'a Material, std::collections::HashSet<EntryId>),
    sections: &[Vec<EntryId>],
    (run, read): (&'a RunOptions, HashMap<EntryId, Facts>),
    progress: &(dyn Fn() + Sync),
) -> Context<'a> {
    let mut files: Vec<EntryId> = sections
        .iter()
        .flatten()
        .flat_map(|&section| material.files_under(sub, section))
        .filter(|file| !read.contains_key(file))
        .collect();
    files.sort_unstable();
    files.dedup();
    let mut facts = crate::isolate::inspect_all(sub, &files, &rules.reading, progress);
    for (file, read) in read {
        progress();
        facts.insert(file, read);
    }
    let all_material = material.files_under(sub, Submission::ROOT);
    let identical = inspect::digest::identical_files(sub, &all_material);
    let copies = identical
        .iter()
        .flat_map(|group| group[1..].iter().map(|&copy| (copy, group[0])))
        .collect();
    let pictures = if run.deep {
        facts
            .par_iter()
            .filter(|(_, f)| {
                matches!(f, Facts::Image(i) if i.format != inspect::image::ImageFormat::Other)
            })
            .map(|(&id, _)| (id, crate::isolate::decode(sub, id, &rules.reading)))
            .collect()
    } else {
        HashMap::new()
    };
    let thumbnails = if run.thumbnails {
        facts
            .par_iter()
            .filter(|(_, f)| matches!(f, Facts::Image(_)))
            .map(|(&id, _)| {
                let thumbnail = crate::isolate::thumbnail(sub, id, &rules.reading);
                (id, thumbnail.map(Into::into))
            })
            .collect()
    } else {
        HashMap::new()
    };
    Context {
        sub,
        material,
        single,
        rules,
        run,
        facts,
        identical,
        copies,
        pictures,
        thumbnails,
        cards: Default::default(),
        requirement: Default::default(),
        tally: Default::default(),
    }
}
