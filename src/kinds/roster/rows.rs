//! Reading a roster the way a reviewer does: find the header row whatever spacing and
//! width the office used ("姓 名", "姓　名", "参会人员"), then take as a person only a
//! row whose name cell looks like a person's name. Totals, sign-offs and notes under
//! the table, placeholders and repeated names are set apart, not counted.

use std::sync::LazyLock;

use regex::Regex;

use crate::inspect::sheet::Sheet;
pub use crate::triage::names::normalize;
use crate::vocabulary::{WORDS, pattern};

/// Rows searched for the header.
pub const HEADER_ROWS: usize = 10;

/// A header cell may hold a few characters beside the header word ("姓名（必填）"),
/// but not a whole title ("参加开幕式人员名单").
const HEADER_SLACK: usize = 4;

/// Where a sheet's roster is: its header row and name column.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub header: usize,
    pub name_column: usize,
}

/// The header row and name column: the first header word (in the rules' order of
/// preference) found in a short cell of the first [`HEADER_ROWS`] rows. A row with one
/// cell is a title ("开幕式参会人员"), not a header, unless the table has one column.
pub fn layout(sheet: &Sheet, headers: &[String]) -> Option<Layout> {
    let filled = |row: &Vec<String>| row.iter().filter(|c| !c.trim().is_empty()).count();
    let one_column = sheet.rows.iter().all(|r| filled(r) <= 1);
    headers.iter().find_map(|word| {
        let word = normalize(word);
        let most = word.chars().count() + HEADER_SLACK;
        sheet
            .rows
            .iter()
            .take(HEADER_ROWS)
            .enumerate()
            .filter(|(_, row)| one_column || filled(row) >= 2)
            .find_map(|(i, row)| {
                row.iter()
                    .position(|cell| {
                        let cell = normalize(cell);
                        cell.contains(&word) && cell.chars().count() <= most
                    })
                    .map(|c| Layout {
                        header: i,
                        name_column: c,
                    })
            })
    })
}

/// Why a row below the header was not taken for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAPerson {
    /// 合计：4人, 共 5 人, 小计.
    Total,
    /// 填报人, 审核人, 联系人, 制表.
    SignOff,
    /// 备注, 说明, or a "label：value" cell.
    Note,
    /// 待定, 空缺, 某某, ××.
    Placeholder,
    /// A surname and a job title (王主任, 李科长): someone, but not named.
    TitleOnly,
    /// Not shaped like a name (a unit's name, a sentence).
    NotAName,
}

/// One row below the header.
#[derive(Clone, Debug)]
pub struct Row<'a> {
    /// Index into the sheet's rows.
    pub index: usize,
    pub cells: &'a [String],
    /// The name cell as written.
    pub name: &'a str,
}

/// The roster of one sheet, as read.
#[derive(Debug)]
pub struct Roster<'a> {
    pub layout: Layout,
    /// Rows taken for people, with the name as compared (normalized).
    pub people: Vec<(Row<'a>, String)>,
    /// Rows set apart, and why.
    pub set_apart: Vec<(Row<'a>, NotAPerson)>,
    /// Rows whose name cell lists several people, with the names counted.
    pub several: Vec<(usize, Vec<String>)>,
}

impl Roster<'_> {
    /// People counted: each name once.
    pub fn count(&self) -> usize {
        let mut names: Vec<&str> = self.people.iter().map(|(_, n)| n.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }
}

static TOTAL: LazyLock<Regex> = LazyLock::new(|| pattern(&WORDS.roster.total_row));
static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| pattern(&WORDS.roster.sign_off_row));
static NOTE: LazyLock<Regex> = LazyLock::new(|| pattern(&WORDS.roster.note_row));
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| pattern(&WORDS.roster.placeholder));

static ANNOTATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(][^）)]{0,10}[）)]").expect("valid pattern"));

/// Characters of Mongolian names as written in Han (乌云其木格, 额尔敦巴特尔): a name of 5
/// or 6 Han characters is a name when at least two of its characters are among these.
static MONGOLIAN: LazyLock<Vec<char>> =
    LazyLock::new(|| WORDS.roster.mongolian_name_chars.chars().collect());

/// Whether a name cell looks like a person's name: 2-4 Han characters, or 5-6 of a
/// Mongolian name (阜新); a minority or foreign name with a middle dot; or Latin
/// letters and spaces.
pub fn looks_like_a_name(cell: &str) -> bool {
    // "王丽（女）", "李强(组长)": a note in brackets is not part of the name.
    let compact = ANNOTATION.replace_all(&normalize(cell), "").into_owned();
    let cell = ANNOTATION.replace_all(cell, "");
    let cell = cell.as_ref();
    let han = |c: char| crate::inspect::wordcount::is_han(c);
    let n = compact.chars().count();
    if (2..=4).contains(&n) && compact.chars().all(han) {
        // 工作人员, 领导, 教师, 学员代表: a role written where a name belongs.
        return !names_a_role(&compact);
    }
    if (5..=6).contains(&n) && compact.chars().all(han) {
        // Mongolian (乌云其木格), Uyghur (阿卜杜热合曼) and Manchu names written without
        // a dot, unless the cell reads as a unit, a title or a category.
        let mongolian = compact.chars().filter(|c| MONGOLIAN.contains(c)).count() >= 2;
        return mongolian || !reads_as_a_thing(&compact);
    }
    let dots = ['·', '•', '・', '.', '‧'];
    if compact.contains(dots) {
        let parts: Vec<&str> = compact.split(dots).collect();
        return parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && (p.chars().all(han) || p.chars().all(|c| c.is_alphabetic() && c.is_ascii()))
            })
            && n <= 20;
    }
    let trimmed = cell.trim();
    trimmed.chars().any(|c| c.is_ascii_alphabetic())
        && trimmed
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '\'')
        && trimmed.len() <= 40
}

/// Whether a cell holds a word of two or more characters naming a unit, a role, a
/// category or a job title (工作人员, 领导, 志愿者, 局领导, 学员代表).
fn names_a_role(compact: &str) -> bool {
    ROLE_WORDS.iter().any(|w| compact.contains(w))
}

/// The unit, role, category and title words of two or more characters.
static ROLE_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let words = &WORDS.roster;
    let categories = words
        .categories
        .iter()
        .flat_map(|(category, titles)| std::iter::once(category).chain(titles));
    words
        .unit_words
        .iter()
        .chain(categories)
        .filter(|w| w.chars().count() >= 2)
        .map(String::as_str)
        .collect()
});

/// Words of a unit, a title or a category in a 5- or 6-character cell (沈河区教育局,
/// 社区学院代表, 百姓学习之星), or one character written three times (王丽丽丽丽): not
/// a person's name.
fn reads_as_a_thing(compact: &str) -> bool {
    let words = &WORDS.roster;
    let repeated = compact
        .chars()
        .any(|c| compact.chars().filter(|&d| d == c).count() >= 3);
    repeated
        || words
            .unit_words
            .iter()
            .any(|w| compact.contains(w.as_str()))
        || words
            .categories
            .iter()
            .flat_map(|(category, titles)| std::iter::once(category).chain(titles))
            .any(|w| compact.contains(w.as_str()))
}

/// The names in a cell that lists several people (王丽、张强、李明 in one cell of a
/// 回执), when every part is a name; None for a cell of one name ("王　伟", padded).
pub fn names_in_one_cell(cell: &str) -> Option<Vec<String>> {
    let cell = cell.trim();
    let by_marks: Vec<&str> = cell
        .split(['、', '，', ',', ';', '；', '/', '／', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let parts = if by_marks.len() >= 2 {
        by_marks
    } else {
        let by_space: Vec<&str> = cell.split_whitespace().collect();
        // "王　伟" pads one name; only whole names on each side make a list.
        if by_space.iter().any(|p| p.chars().count() < 2) {
            return None;
        }
        by_space
    };
    let names: Vec<String> = parts
        .iter()
        .map(|p| {
            if looks_like_a_name(p) && !is_title_only(p) {
                Some(normalize(p))
            } else {
                without_title(p)
            }
        })
        .collect::<Option<_>>()?;
    (names.len() >= 2).then_some(names)
}

/// The job titles people are addressed by (主任, 局长, 老师): those of the vocabulary's
/// `address-categories`.
fn address_titles() -> impl Iterator<Item = &'static String> {
    let roster = &WORDS.roster;
    roster
        .categories
        .iter()
        .filter(|(category, _)| roster.address_categories.contains(category))
        .flat_map(|(_, titles)| titles)
}

/// A full name followed by a job title (刘建华局长, 孙桂英主任): the name.
pub fn without_title(cell: &str) -> Option<String> {
    let compact = normalize(cell);
    address_titles()
        .filter_map(|title| compact.strip_suffix(title.as_str()))
        .find(|name| {
            (2..=4).contains(&name.chars().count())
                && looks_like_a_name(name)
                && !is_title_only(name)
        })
        .map(str::to_owned)
}

/// Whether a name cell is a surname and a job title (王主任, 李科长, 欧阳校长): how
/// people are addressed, not who they are. The ceremony needs real names.
pub fn is_title_only(compact: &str) -> bool {
    let han = |c: char| crate::inspect::wordcount::is_han(c);
    address_titles().any(|title| {
        compact.strip_suffix(title.as_str()).is_some_and(|surname| {
            let n = surname.chars().count();
            (1..=2).contains(&n) && surname.chars().all(han)
        })
    })
}

/// Why a row is not a person, or None when it is one.
fn not_a_person(cells: &[String], name: &str) -> Option<NotAPerson> {
    let first = cells
        .iter()
        .map(|c| normalize(c))
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    let compact = normalize(name);
    if TOTAL.is_match(&first) || TOTAL.is_match(&compact) {
        return Some(NotAPerson::Total);
    }
    if cells.iter().any(|c| SIGN_OFF.is_match(&normalize(c))) {
        return Some(NotAPerson::SignOff);
    }
    if NOTE.is_match(&first) || NOTE.is_match(&compact) {
        return Some(NotAPerson::Note);
    }
    if PLACEHOLDER.is_match(&compact) {
        return Some(NotAPerson::Placeholder);
    }
    if is_title_only(&ANNOTATION.replace_all(&compact, "")) {
        return Some(NotAPerson::TitleOnly);
    }
    if !looks_like_a_name(name) {
        return Some(NotAPerson::NotAName);
    }
    None
}

/// A list typed line by line in a Word document ("1. 王丽 沈阳市社区学院 主任"), as a
/// sheet with a name column: each line's first word, its ordinal dropped. None unless
/// most lines of the document start with a name, as a list's do and a plan's (with
/// headings such as "一、指导思想" among long paragraphs) do not.
pub fn lines_as_sheet(text: &str, name_header: &str) -> Option<Sheet> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    // Two header cells, as a table of names and details has.
    let mut rows = vec![vec![name_header.to_owned(), "-".to_owned()]];
    let label = normalize(name_header);
    for line in &lines {
        let line = crate::triage::names::strip_ordinal(line);
        // "姓名：王丽　单位：…": the label before the name.
        let line = line.strip_prefix(label.as_str()).map_or(line, |rest| {
            rest.trim_start_matches([':', '：', ' ', '\u{3000}'])
        });
        let (first, rest) = line
            .split_once(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、' | '：' | ':'))
            .unwrap_or((line, ""));
        if looks_like_a_name(first) {
            rows.push(vec![first.to_owned(), rest.trim().to_owned()]);
        }
    }
    let names = rows.len() - 1;
    (names >= 1 && names * 2 >= lines.len()).then(|| Sheet {
        name: String::new(),
        rows,
        first_row: 0,
        long_numbers: Vec::new(),
    })
}

/// Reads the roster of a sheet, or None when no header word is found.
pub fn read<'a>(sheet: &'a Sheet, headers: &[String]) -> Option<Roster<'a>> {
    let layout = layout(sheet, headers)?;
    let header = normalize(&sheet.rows[layout.header][layout.name_column]);
    let mut roster = Roster {
        layout,
        people: Vec::new(),
        set_apart: Vec::new(),
        several: Vec::new(),
    };
    let more_name_columns: Vec<usize> = sheet.rows[layout.header]
        .iter()
        .enumerate()
        .filter(|&(c, cell)| c != layout.name_column && normalize(cell) == header)
        .map(|(c, _)| c)
        .collect();
    for (index, cells) in sheet.rows.iter().enumerate().skip(layout.header + 1) {
        let name = cells.get(layout.name_column).map_or("", String::as_str);
        let compact = normalize(name);
        let blank_row = cells.iter().all(|c| c.trim().is_empty());
        if blank_row || compact == header {
            continue;
        }
        // A table of two people a row (姓名|单位|姓名|单位): the names of the other
        // name columns count too.
        for &column in &more_name_columns {
            let other = cells.get(column).map_or("", String::as_str);
            if not_a_person(cells, other).is_none() {
                let other = ANNOTATION.replace_all(&normalize(other), "").into_owned();
                roster.people.push((Row { index, cells, name }, other));
            }
        }
        let row = Row { index, cells, name };
        let why = not_a_person(cells, name);
        if matches!(why, None | Some(NotAPerson::NotAName))
            && let Some(names) = names_in_one_cell(name)
        {
            roster.several.push((index, names.clone()));
            for one in names {
                roster.people.push((row.clone(), one));
            }
            continue;
        }
        match why {
            // A row with an empty name cell and nothing that says what it is: a
            // spacer, a merged cell's remainder.
            Some(NotAPerson::NotAName) if compact.is_empty() => {}
            Some(NotAPerson::NotAName) => match without_title(name) {
                Some(name) => roster.people.push((row, name)),
                None => roster.set_apart.push((row, NotAPerson::NotAName)),
            },
            Some(why) => roster.set_apart.push((row, why)),
            None => {
                let name = ANNOTATION.replace_all(&compact, "").into_owned();
                roster.people.push((row, name));
            }
        }
    }
    Some(roster)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
            first_row: 1,
            ..Sheet::default()
        }
    }

    fn headers() -> Vec<String> {
        ["姓名", "参会人员", "人员", "代表"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn headers_are_found_whatever_the_spacing_and_width() {
        for header in ["姓名", "姓 名", "姓　名", "姓\u{A0}名", "姓  名（必填）"] {
            let s = sheet(&[&["参加开幕式人员名单"], &["序号", header, "单位"]]);
            let at = layout(&s, &headers()).unwrap_or_else(|| panic!("{header:?}"));
            assert_eq!((at.header, at.name_column), (1, 1), "{header:?}");
        }
        // The title row mentions 人员 but is no header; 参会人员 in a short cell is.
        let s = sheet(&[&["参加开幕式人员名单"], &["序号", "参会人员", "单位"]]);
        let at = layout(&s, &headers()).unwrap();
        assert_eq!((at.header, at.name_column), (1, 1));
        // 姓名 is preferred over 代表 wherever it is.
        let s = sheet(&[&["代表", "姓名"], &["学习之星", "王丽"]]);
        assert_eq!(layout(&s, &headers()).unwrap().name_column, 1);
    }

    #[test]
    fn names_look_like_names() {
        for name in [
            "王丽",
            "欧阳建国",
            "王 丽",
            "买买提·艾力",
            "Anna Smith",
            "诸葛亮",
            "乌云其木格",
            "额尔敦巴特尔",
            "苏日娜其其格",
        ] {
            assert!(looks_like_a_name(name), "{name}");
        }
        for name in [
            "沈阳市社区教育指导中心",
            "王",
            "合计：4人",
            "13900000000",
            "王丽丽丽丽",
            "沈河区教育局",
            "社区学院代表",
        ] {
            assert!(!looks_like_a_name(name), "{name}");
        }
    }

    #[test]
    fn totals_sign_offs_notes_placeholders_and_repeats_do_not_count() {
        let s = sheet(&[
            &["序号", "姓名", "单位"],
            &["1", "王丽", "沈河区"],
            &["2", "李强", "和平区"],
            &["3", "王丽", "沈河区"],
            &["4", "待定", ""],
            &["5", "张××", ""],
            &["", "", ""],
            &["合计：4人", "", ""],
            &["填报人：张伟", "", "审核人：王建国"],
            &["备注：请于10月20日前报送", "", ""],
        ]);
        let roster = read(&s, &headers()).unwrap();
        assert_eq!(roster.count(), 2);
        let why: Vec<NotAPerson> = roster.set_apart.iter().map(|(_, w)| w.clone()).collect();
        assert_eq!(
            why,
            [
                NotAPerson::Placeholder,
                NotAPerson::Placeholder,
                NotAPerson::Total,
                NotAPerson::SignOff,
                NotAPerson::Note
            ]
        );
    }
}
