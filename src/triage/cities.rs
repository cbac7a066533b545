//! Which city a name names: the city itself (沈阳市, 沈阳, 【大连】), or a district,
//! county or county-level city of it from the rules' `[places]` (和平区 -> 沈阳市), the
//! longest place winning; a place in two cities (铁西区) decides nothing.

use crate::rules::Rules;

/// Which expected submitter a name belongs to, by the submitter's own name: the one
/// whose name, without its 市/县/区 suffix, occurs earliest in it.
fn submitter_named(name: &str, submitters: &[String]) -> Option<usize> {
    submitters
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let key = submitter_key(s);
            name.find(key)
                .map(|pos| (pos, std::cmp::Reverse(key.len()), i))
        })
        .min()
        .map(|(_, _, i)| i)
}

/// What names a submitter in a text: its name without 市/县/区 (沈阳), unless too
/// little is left.
fn submitter_key(submitter: &str) -> &str {
    let key = submitter.trim_end_matches(['市', '县', '区']);
    if key.chars().count() >= 2 {
        key
    } else {
        submitter
    }
}

/// Whether a text names the submitter `index` or a place within it anywhere.
pub fn names_submitter(text: &str, rules: &Rules, index: usize) -> bool {
    text.contains(submitter_key(&rules.submitters[index]))
        || rules
            .places
            .iter()
            .filter(|(c, _)| *c == index)
            .any(|(_, place)| {
                text.contains(place.as_str())
                    || crate::triage::names::place_stem(place)
                        .is_some_and(|stem| text.contains(stem))
            })
}

/// Which expected submitter a name belongs to: by the submitter's name, or else by a
/// place within it (和平区 -> 沈阳市), returned beside. The longest place named wins
/// (清河门区 over 清河区); a place in two cities (铁西区) decides nothing.
pub fn submitter_in(name: &str, rules: &Rules) -> Option<(usize, Option<String>)> {
    if let Some(i) = submitter_named(name, &rules.submitters) {
        return Some((i, None));
    }
    let best = places_in(name, rules);
    let city = best.first()?.1;
    best.iter()
        .all(|f| f.1 == city)
        .then(|| (city, Some(best[0].2.to_owned())))
}

/// A place in two cities that a name gives (铁西区: 沈阳市 or 鞍山市), with the
/// cities, when that is all the name says: the name decides nothing.
pub fn ambiguous_place(name: &str, rules: &Rules) -> Option<(String, Vec<usize>)> {
    if submitter_named(name, &rules.submitters).is_some() {
        return None;
    }
    let best = places_in(name, rules);
    let mut cities: Vec<usize> = best.iter().map(|f| f.1).collect();
    cities.sort_unstable();
    cities.dedup();
    (cities.len() > 1).then(|| (best[0].2.to_owned(), cities))
}

/// The places of the rules a name holds, the longest only (清河门区 over 清河区):
/// (length, city, place).
fn places_in<'r>(name: &str, rules: &'r Rules) -> Vec<(usize, usize, &'r str)> {
    let found: Vec<(usize, usize, &str)> = rules
        .places
        .iter()
        .filter_map(|(city, place)| {
            let length = if name.contains(place.as_str()) {
                place.chars().count()
            } else {
                let stem = crate::triage::names::place_stem(place)?;
                name.contains(stem).then(|| stem.chars().count())?
            };
            Some((length, *city, place.as_str()))
        })
        .collect();
    let longest = found.iter().map(|f| f.0).max().unwrap_or(0);
    found.into_iter().filter(|f| f.0 == longest).collect()
}
