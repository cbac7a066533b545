//! Whose submission this is: a city named by the submission's name, a folder it wraps,
//! a district or county of the city (`[places]`), a mail's subject, sender and known
//! addresses, its attachments, or most of the names inside; and, when a place in two
//! cities is all it names, both candidates.

use crate::findings::Msg;
use crate::intake::{EntryId, Submission};
use crate::rules::Rules;
use crate::triage::cities::{ambiguous_place, submitter_in};

/// How a submission was matched to its submitter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Its name (a mail's subject), or a folder it wraps, names the city.
    Name,
    /// Its name names a place in the city.
    Place(String),
    /// Most of the names inside it name the city.
    Contents { votes: usize },
    /// The mail's sender's name names the city, or the place given.
    Sender(Option<String>),
    /// The mail came from this address, which the rules list for the city.
    Address(String),
    /// The mail's attachment (or a folder it wraps) at this path names the city.
    Attachment(String),
}

/// A submission's submitter and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub submitter: usize,
    pub basis: Basis,
}

impl Match {
    /// Why, for the batch header ("沈阳市（和平区）"); None when the name said it.
    pub fn reason(&self, rules: &Rules) -> Option<Msg> {
        let city = &rules.submitters[self.submitter];
        match &self.basis {
            Basis::Name => None,
            Basis::Place(place) => Some(msg!("city-by-place", city, place)),
            Basis::Contents { votes } => Some(msg!("city-by-votes", city, votes)),
            Basis::Sender(None) => Some(msg!("city-by-sender", city)),
            Basis::Sender(Some(place)) => Some(msg!("city-by-sender-place", city, place)),
            Basis::Address(address) => Some(msg!("city-by-address", city, address)),
            Basis::Attachment(name) => Some(msg!("city-by-attachment", city, name)),
        }
    }
}

/// The folders `id` wraps, one inside the other (沈阳市.zip/沈阳市/): the entry it holds
/// as its only child, and so on, while they are folders.
fn wrapped(sub: &Submission, mut id: EntryId) -> Vec<EntryId> {
    let mut out = Vec::new();
    while let [only] = sub.children(id) {
        if !sub.entry(*only).is_dir() {
            break;
        }
        id = *only;
        out.push(id);
    }
    out
}

/// The submitter of a submission: by its own name first, then by the names of the
/// folders it wraps, then by a clear majority of the names inside it. A mail goes by
/// its subject, its sender, its attachments, then the names inside ([`by_mail`]).
pub fn submitter_of(sub: &Submission, rules: &Rules) -> Option<Match> {
    if rules.submitters.is_empty() {
        return None;
    }
    if let Some(mail) = &sub.mail {
        return by_mail(sub, mail, rules);
    }
    let names = std::iter::once(sub.name.as_str()).chain(
        wrapped(sub, Submission::ROOT)
            .into_iter()
            .map(|id| sub.entry(id).name.as_str()),
    );
    if let Some((submitter, place)) = names.into_iter().find_map(|n| submitter_in(n, rules)) {
        let basis = place.map_or(Basis::Name, Basis::Place);
        return Some(Match { submitter, basis });
    }
    by_votes(sub, rules)
}

/// The submitter of a mail, in the order of trust: the subject (a forward by the
/// province names the city there), the sender's name ("锦州市社区教育学院", "辽阳 王老师";
/// a place only by its full name, since people are named 海城 or 新民), the sender's
/// address when the rules list it, the attachments (one naming a city decides, as a
/// mail holds few, unless another names a different one), then the names inside.
fn by_mail(sub: &Submission, mail: &crate::intake::MailInfo, rules: &Rules) -> Option<Match> {
    if let Some((submitter, place)) = submitter_in(&sub.name, rules) {
        let basis = place.map_or(Basis::Name, Basis::Place);
        return Some(Match { submitter, basis });
    }
    let sender = mail
        .from
        .split_once('<')
        .map(|(name, _)| name.trim().trim_matches('"'));
    if let Some((submitter, place)) = sender.and_then(|name| {
        submitter_in(name, rules)
            .filter(|(_, place)| place.as_ref().is_none_or(|p| name.contains(p.as_str())))
    }) {
        let basis = Basis::Sender(place);
        return Some(Match { submitter, basis });
    }
    let address = mail.from_address.trim().to_lowercase();
    if let Some((submitter, known)) = rules.addresses.iter().find(|(_, a)| *a == address) {
        let basis = Basis::Address(known.clone());
        return Some(Match {
            submitter: *submitter,
            basis,
        });
    }
    let mut named: Vec<(usize, EntryId)> = Vec::new();
    for &attachment in sub.children(Submission::ROOT) {
        let chain = std::iter::once(attachment).chain(wrapped(sub, attachment));
        let found = chain
            .into_iter()
            .find_map(|id| submitter_in(sub.entry(id).stem(), rules).map(|(city, _)| (city, id)));
        named.extend(found);
    }
    match named.as_slice() {
        [(submitter, id), rest @ ..] if rest.iter().all(|(c, _)| c == submitter) => {
            let basis = Basis::Attachment(sub.entry(*id).path.clone());
            Some(Match {
                submitter: *submitter,
                basis,
            })
        }
        _ => by_votes(sub, rules),
    }
}

/// The submitter most of the names inside a submission name: at least two of them,
/// and more than half of those naming any.
fn by_votes(sub: &Submission, rules: &Rules) -> Option<Match> {
    let mut votes = vec![0usize; rules.submitters.len()];
    for entry in sub.entries.iter().skip(1) {
        if let Some((i, _)) = submitter_in(entry.stem(), rules) {
            votes[i] += 1;
        }
    }
    let total: usize = votes.iter().sum();
    let (submitter, &best) = votes.iter().enumerate().max_by_key(|(_, v)| **v)?;
    (best >= 2 && best * 2 > total).then_some(Match {
        submitter,
        basis: Basis::Contents { votes: best },
    })
}

/// Decides, once, whose submission this is, and stores it on the submission. One that
/// matches no city because the place it names is in two says so, with both.
pub fn assign(sub: &mut Submission, rules: &Rules) {
    sub.assignment = submitter_of(sub, rules).map(|m| crate::intake::Assignment {
        submitter: m.submitter,
        reason: m.reason(rules),
    });
    if sub.assignment.is_some() || rules.submitters.is_empty() {
        return;
    }
    let sender = sub.mail.as_ref().and_then(|m| m.from.split_once('<'));
    let mut names = vec![sub.name.as_str()];
    names.extend(sender.map(|(name, _)| name.trim().trim_matches('"')));
    names.extend(
        wrapped(sub, Submission::ROOT)
            .iter()
            .map(|&id| sub.entry(id).name.as_str()),
    );
    if let Some((place, cities)) = names.iter().find_map(|n| ambiguous_place(n, rules)) {
        let names: Vec<String> = cities
            .iter()
            .map(|&c| rules.submitters[c].clone())
            .collect();
        sub.unmatched = Some(crate::intake::Unmatched {
            place,
            candidates: names,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_names_are_found_in_loose_names() {
        let rules = Rules::default_rules();
        let city =
            |name: &str| submitter_in(name, &rules).map(|(i, _)| rules.submitters[i].as_str());
        assert_eq!(city("沈阳市.zip"), Some("沈阳市"));
        assert_eq!(city("沈阳"), Some("沈阳市"));
        assert_eq!(
            city("沈阳市社区教育指导中心-活动周材料.zip"),
            Some("沈阳市")
        );
        assert_eq!(city("【大连】展板材料（第二次）.zip"), Some("大连市"));
        assert_eq!(city("葫芦岛市材料"), Some("葫芦岛市"));
        assert_eq!(city("活动周材料.zip"), None);
    }

    #[test]
    fn districts_and_county_level_cities_belong_to_their_city() {
        let rules = Rules::default_rules();
        let city =
            |name: &str| submitter_in(name, &rules).map(|(i, p)| (rules.submitters[i].as_str(), p));
        for (name, expected, place) in [
            ("和平区社区学院活动周材料", "沈阳市", "和平区"),
            ("金州区.zip", "大连市", "金州区"),
            ("瓦房店市社区教育中心", "大连市", "瓦房店市"),
            ("瓦房店活动周", "大连市", "瓦房店市"),
            ("海城市材料", "鞍山市", "海城市"),
            ("大石桥市.zip", "营口市", "大石桥市"),
            ("北票市", "朝阳市", "北票市"),
            ("兴城市社区学院", "葫芦岛市", "兴城市"),
            ("开原市", "铁岭市", "开原市"),
            ("东港市活动周材料", "丹东市", "东港市"),
            ("清河门区社区学院", "阜新市", "清河门区"),
            ("清河区社区学院", "铁岭市", "清河区"),
            ("岫岩满族自治县", "鞍山市", "岫岩满族自治县"),
        ] {
            assert_eq!(
                city(name),
                Some((expected, Some(place.to_owned()))),
                "{name}"
            );
        }
        // 铁西区 is in 沈阳市 and in 鞍山市: the name alone decides nothing.
        assert_eq!(city("铁西区社区学院"), None);
        assert_eq!(city("沈阳市铁西区社区学院").map(|c| c.0), Some("沈阳市"));
    }

    /// A header value as a UTF-8 encoded word, as mail writes Chinese.
    fn word(text: &str) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(text);
        format!("=?UTF-8?B?{b64}?=")
    }

    /// A zip holding one small file at `path`.
    fn zip_holding(path: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file(path, options).unwrap();
        zip.write_all(b"material").unwrap();
        zip.finish().unwrap().into_inner()
    }

    /// A mail from `name <address>` (no name: the address alone) under `subject`, with
    /// `attachments`, read as the inbox reads it; and its submitter by `rules`.
    fn mail_city(
        rules: &Rules,
        (name, address): (&str, &str),
        subject: &str,
        attachments: &[(&str, Vec<u8>)],
    ) -> Option<(String, Basis)> {
        use base64::Engine;
        let from = if name.is_empty() {
            address.to_owned()
        } else {
            format!("{} <{address}>", word(name))
        };
        let mut eml = format!(
            "From: {from}\r\nTo: lnsszxx@126.com\r\nSubject: {}\r\nDate: Wed, 21 Oct 2020 09:00:00 +0800\r\nMessage-ID: <t1@126.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nmaterial\r\n",
            word(subject)
        );
        for (file, bytes) in attachments {
            let body = base64::engine::general_purpose::STANDARD.encode(bytes);
            eml.push_str(&format!(
                "--b\r\nContent-Type: application/octet-stream; name=\"{0}\"\r\nContent-Disposition: attachment; filename=\"{0}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}\r\n",
                word(file)
            ));
        }
        eml.push_str("--b--\r\n");
        let mail = crate::intake::mail::read_mail(eml.as_bytes());
        assert!(mail.problems.is_empty(), "{:?}", mail.problems);
        let sub = mail.submission("邮件/一封.eml");
        submitter_of(&sub, rules).map(|m| (rules.submitters[m.submitter].clone(), m.basis))
    }

    fn with_address(city: &str, address: &str) -> Rules {
        let listed = format!("[addresses]\n\"{city}\" = [\"{address}\"]\n");
        let source = crate::rules::DEFAULT_RULES.replace("[addresses]\n", &listed);
        Rules::parse(&source, "rules.toml").unwrap()
    }

    #[test]
    fn a_mail_goes_by_subject_then_sender_then_address_then_attachments() {
        let rules = with_address("丹东市", "Wang_LS@163.com");
        let docx = || b"PK".to_vec();
        let city =
            |from, subject, files: &[(&str, Vec<u8>)]| mail_city(&rules, from, subject, files);
        let jinzhou = ("锦州市社区教育学院", "jz@163.com");
        let wang = ("王老师", "wang_ls@163.com");
        let files = [("盘锦市工作方案.docx", docx())];
        // The subject first: a forward by the province, or a city naming another.
        assert_eq!(
            city(jinzhou, "转发：朝阳市活动周材料", &files),
            Some(("朝阳市".into(), Basis::Name))
        );
        assert_eq!(
            city(jinzhou, "和平区活动周材料", &files),
            Some(("沈阳市".into(), Basis::Place("和平区".into())))
        );
        // Then the sender's name, before the address and the attachments.
        assert_eq!(
            city(jinzhou, "活动周材料", &files),
            Some(("锦州市".into(), Basis::Sender(None)))
        );
        assert_eq!(
            city(("辽阳 王老师", "x@163.com"), "Re: 关于报送", &files),
            Some(("辽阳市".into(), Basis::Sender(None)))
        );
        assert_eq!(
            city(("和平区社区学院", "hp@163.com"), "材料", &[]),
            Some(("沈阳市".into(), Basis::Sender(Some("和平区".into()))))
        );
        let jinzhou_listed = ("锦州市社区教育学院", "wang_ls@163.com");
        assert_eq!(
            city(jinzhou_listed, "活动周材料", &files),
            Some(("锦州市".into(), Basis::Sender(None)))
        );
        // Then the address the rules list (whatever its case), before the attachments.
        assert_eq!(
            city(wang, "材料", &files),
            Some(("丹东市".into(), Basis::Address("wang_ls@163.com".into())))
        );
        assert_eq!(
            city(("", "WANG_LS@163.COM"), "材料", &files),
            Some(("丹东市".into(), Basis::Address("wang_ls@163.com".into())))
        );
        // Then one attachment naming a city, or the folder a zip attachment wraps.
        let nobody = ("王老师", "w@163.com");
        assert_eq!(
            city(nobody, "材料", &files),
            Some((
                "盘锦市".into(),
                Basis::Attachment("盘锦市工作方案.docx".into())
            ))
        );
        let wrapped = [("附件1.zip", zip_holding("朝阳市/工作方案.docx"))];
        assert_eq!(
            city(nobody, "材料", &wrapped),
            Some((
                "朝阳市".into(),
                Basis::Attachment("附件1.zip/朝阳市".into())
            ))
        );
    }

    #[test]
    fn a_mail_naming_no_city_clearly_is_nobody_s() {
        let rules = Rules::default_rules();
        let nobody = ("王老师", "wang_ls@163.com");
        // Without the address listed, nothing says whose it is.
        assert_eq!(mail_city(&rules, nobody, "材料", &[]), None);
        // A person named 海城 is not 海城市: a place counts in a sender's name only whole.
        assert_eq!(
            mail_city(&rules, ("张海城", "z@163.com"), "材料", &[]),
            None
        );
        // Attachments naming two cities decide nothing; neither does 铁西区 alone.
        let two = [
            ("盘锦市工作方案.docx", b"PK".to_vec()),
            ("锦州市工作总结.docx", b"PK".to_vec()),
        ];
        assert_eq!(mail_city(&rules, nobody, "材料", &two), None);
        assert_eq!(mail_city(&rules, nobody, "铁西区材料", &[]), None);
        // The province's own name is no city's.
        let province = ("辽宁省社区教育指导中心", "lnsszxx@126.com");
        assert_eq!(mail_city(&rules, province, "转发：活动周材料", &[]), None);
    }
}
