//! Slides and web pages as offices send them, on real files: a .pptx from python-pptx,
//! the .ppt LibreOffice makes of it, a Word 单个文件网页 (.mht) and a WeChat article
//! saved by a browser (.html beside its `_files` folder). Each holds the board text of
//! `tests/fixtures/README.md` and counts exactly what Word counts for it; what a board
//! never shows (notes, masters, scripts, the page around an article) is not counted;
//! and each damaged or disguised copy is named and never counted.

mod common;

use std::io::{Cursor, Read, Write};

use common::*;

const ROOT: &str = "本溪市";

/// 336 characters without spaces and 299 汉字 in the board text, as in formats.rs.
const CHARS_NO_SPACES: u64 = 336;
const HAN: u64 = 299;

/// The board text's title line in `tests/fixtures/README.md`.
const TITLE: &str = "沈阳市全民终身学习活动周展板文字";

/// A WeChat 公众号 article as Chrome saves it ("网页，全部"), in GBK with a GB2312
/// `<meta>` as older pages declare: the title in the `<h1>`, two paragraphs and the
/// line "Hello World! 2020年共3天。" in `#js_content`, around them the page's chrome,
/// a script and a style in Chinese.
fn wechat_page(title: &str, first: &str, second: &str) -> Vec<u8> {
    let page = format!(
        r#"<!DOCTYPE html>
<!-- saved from url=(0058)https://mp.weixin.qq.com/s/4XbQm1r2ZkGs8yP0aVn3cw -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<meta property="og:title" content="{title}">
<title>{title}</title>
<link rel="stylesheet" href="./{title}_files/page.css">
<style>.rich_media_title{{font-size:22px}} /* 标题样式：二十二像素 */</style>
<script type="text/javascript">
  var nickname = "沈阳社区教育";
  var msg_desc = "脚本里的摘要文字不计入字数，社区居民积极参加终身学习活动。";
  if (window.innerWidth < 1024 && document.title != "") {{ document.write("<div>脚本写出的文字</div>"); }}
</script>
</head>
<body id="activity-detail" class="zh_CN mm_appmsg">
<div id="js_article" class="rich_media">
<div class="rich_media_inner"><div id="page-content" class="rich_media_area_primary">
<h1 class="rich_media_title " id="activity-name">
            {title}
</h1>
<div id="meta_content" class="rich_media_meta_list">
  <span class="rich_media_meta rich_media_meta_text">原创</span>
  <a id="js_name" class="rich_media_meta_link">沈阳社区教育</a>
  <em id="publish_time" class="rich_media_meta_text">2020-10-16 09:30</em>
</div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility: hidden;">
<section style="margin: 0px 8px;"><p style="text-indent: 2em;"><span style="font-size: 15px;">{first}</span></p>
<p style="text-align: center;"><img class="rich_pages wxw-img" data-ratio="0.75" data-src="https://mmbiz.qpic.cn/mmbiz_jpg/abc/640?wx_fmt=jpeg" src="./{title}_files/640.jpeg" style="width: 100%;"></p>
<section><p><span>{second}</span><br></p></section>
<p><strong>Hello World!&nbsp;2020</strong>年共<span>3</span>天。</p></section>
<p style="display: none;"><mp-style-type data-value="3"></mp-style-type></p>
</div>
<div id="js_pc_qr_code" class="qr_code_pc"><p>微信扫一扫<br>关注该公众号</p></div>
<div class="rich_media_tool"><a id="js_view_source" href="javascript:void(0);">阅读原文</a>
<span>阅读 1024</span><span>在看 36</span></div>
<div class="rich_media_extra"><p>喜欢此内容的人还喜欢</p></div>
</div></div></div>
<script>window.__wx_footer = "写留言";</script>
</body></html>"#
    );
    gbk(&page)
}

/// The board text of the committed fixtures as a WeChat article: 324 字.
fn wechat_article() -> Vec<u8> {
    let half = SENTENCE.repeat(10);
    wechat_page(TITLE, &half, &half)
}

/// The files of a saved page: the page and its `NAME_files` folder.
fn write_saved_page(d: &Dir, folder: &str, name: &str, page: Vec<u8>) {
    d.write(&format!("{folder}/{name}.html"), page)
        .write(
            &format!("{folder}/{name}_files/640.jpeg"),
            jpeg(640, 480, None),
        )
        .write(
            &format!("{folder}/{name}_files/page.css"),
            ".rich_media{margin:0}",
        );
}

/// A Word 单个文件网页 whose page part is base64 that does not decode.
fn mht_with_broken_page() -> Vec<u8> {
    let mht = String::from_utf8(fixture("article.mht")).unwrap();
    let start = mht
        .find("Content-Transfer-Encoding: quoted-printable")
        .unwrap();
    let body = mht[start..].find("\r\n\r\n").unwrap() + start + 4;
    let end = mht[body..].find("\r\n--").unwrap() + body;
    let mut broken = mht[..start].to_owned();
    broken.push_str("Content-Transfer-Encoding: base64\r\nContent-Location: x.htm\r\n\r\n");
    broken.push_str("PGh0bWw+PHA+5rKI6Ziz!!!此处下载中断###\r\nPC9wPjwvaHRtbD4");
    broken.push_str(&mht[end..]);
    broken.into_bytes()
}

/// The zip parts of the python-pptx deck with each slide's XML changed by `edit`.
fn edited_deck(edit: impl Fn(&str) -> String) -> Vec<u8> {
    let mut from = zip::ZipArchive::new(Cursor::new(fixture("deck.pptx"))).unwrap();
    let mut out = Cursor::new(Vec::new());
    {
        let mut to = zip::ZipWriter::new(&mut out);
        for i in 0..from.len() {
            let mut part = from.by_index(i).unwrap();
            let name = part.name().unwrap().into_owned();
            let mut bytes = Vec::new();
            part.read_to_end(&mut bytes).unwrap();
            if name.starts_with("ppt/slides/slide") {
                bytes = edit(&String::from_utf8(bytes).unwrap()).into_bytes();
            }
            to.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            to.write_all(&bytes).unwrap();
        }
        to.finish().unwrap();
    }
    out.into_inner()
}

fn without_text(slide: &str) -> String {
    regex::Regex::new(r"<a:t>[^<]*</a:t>")
        .unwrap()
        .replace_all(slide, "<a:t></a:t>")
        .into_owned()
}

fn without_pictures(slide: &str) -> String {
    regex::Regex::new(r"(?s)<p:pic>.*?</p:pic>")
        .unwrap()
        .replace_all(slide, "")
        .into_owned()
}

#[test]
fn slides_and_pages_count_the_board_text_as_word_does() {
    let d = Dir::new();
    d.write("deck.pptx", fixture("deck.pptx"))
        .write("deck.ppt", fixture("deck.ppt"))
        .write("article.mht", fixture("article.mht"));
    write_saved_page(&d, ".", "展板文字", wechat_article());
    // Offices rename: WPS's own extensions, a show, a page exported as .doc.
    d.write("deck.dps", fixture("deck.ppt"))
        .write("deck-ooxml.dps", fixture("deck.pptx"))
        .write("deck.ppsx", fixture("deck.pptx"))
        .write("article.doc", fixture("article.mht"))
        .write("article.htm", wechat_article());
    let files = [
        ("deck.pptx", "pptx"),
        ("deck.ppt", "ppt"),
        ("article.mht", "mht"),
        ("展板文字.html", "html"),
        ("deck.dps", "ppt"),
        ("deck-ooxml.dps", "pptx"),
        ("deck.ppsx", "pptx"),
        ("article.doc", "mht"),
        ("article.htm", "html"),
    ];
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let json = count_json(&d, &names, &[]).1;
    for ((name, format), item) in files.iter().zip(json.as_array().unwrap()) {
        assert_eq!(item["words"], FIXTURE_WORDS, "{name}: {item}");
        assert_eq!(item["chars_no_spaces"], CHARS_NO_SPACES, "{name}: {item}");
        assert_eq!(item["han"], HAN, "{name}: {item}");
        assert_eq!(item["format"], *format, "{name}: {item}");
    }
}

#[test]
fn notes_masters_and_scripts_in_the_files_are_not_counted() {
    // The counts above are exact although the files hold more text than a board
    // shows: the .ppt keeps LibreOffice's master prompts and the speaker notes, the
    // .pptx its notes slide, the saved page its scripts and the chrome around the
    // article, the .mht Word's document properties and font names.
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let holds = |bytes: &[u8], needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let ppt = fixture("deck.ppt");
    assert!(holds(&ppt, &utf16("Click to edit Master title style")));
    assert!(holds(&ppt, &utf16("备注：这段讲稿不在展板上，不计字数。")));
    let pptx = zip::ZipArchive::new(Cursor::new(fixture("deck.pptx"))).unwrap();
    assert!(
        pptx.index_for_name("ppt/notesSlides/notesSlide1.xml")
            .is_some()
    );
    let page = wechat_article();
    for chrome in ["脚本里的摘要文字", "微信扫一扫", "阅读原文", "标题样式"] {
        assert!(holds(&page, &gbk(chrome)), "{chrome}");
    }
    let mht = fixture("article.mht");
    assert!(
        holds(&mht, b"<o:Author>=CD=F5=C0=F6</o:Author>"),
        "王丽 in GB2312 QP"
    );
    // Were the notes on the slides, each would add its 18 字.
    let d = Dir::new();
    let notes_as_slide = edited_deck(|s| {
        s.replace(
            "</p:spTree>",
            "<p:sp><p:txBody><a:p><a:r><a:t>备注：这段讲稿不在展板上，不计字数。</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>",
        )
    });
    d.write("with-notes-on-slides.pptx", notes_as_slide);
    let json = count_json(&d, &["with-notes-on-slides.pptx"], &[]).1;
    assert_eq!(json[0]["words"], FIXTURE_WORDS + 2 * 18, "{json:#}");
    // A page that is not a WeChat article counts all its body but its scripts and
    // styles: the account's name and date (原创, 沈阳社区教育, 2020-10-16 09:30: 10)
    // and the chrome (微信扫一扫, 关注该公众号, 阅读原文, 阅读 1024, 在看 36,
    // 喜欢此内容的人还喜欢: 31).
    let page = encoding_rs::GBK.decode(&wechat_article()).0.into_owned();
    d.write(
        "page.html",
        gbk(&page.replace("id=\"js_content\"", "id=\"content\"")),
    );
    let json = count_json(&d, &["page.html"], &[]).1;
    assert_eq!(json[0]["words"], FIXTURE_WORDS + 10 + 31, "{json:#}");
}

#[test]
fn a_board_of_slides_and_a_board_of_a_saved_article_count_in_a_submission() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let boards = format!("{ROOT}/02宣传展板材料");
    d.remove(&format!("{boards}/展板1/展板文字.docx"))
        .write(
            &format!("{boards}/展板1/展板文字.pptx"),
            fixture("deck.pptx"),
        )
        .remove(&format!("{boards}/展板2/展板文字.txt"));
    // 8 字 of title, 300 of text and 8 in the last line.
    let page = wechat_page("社区教育活动展板", &board_text(41, 10), &board_text(42, 10));
    write_saved_page(&d, &format!("{boards}/展板2"), "展板文字", page);
    let (_, report) = check_json(&d.join(ROOT));
    let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
    assert!(
        summary.contains(&format!("展板1 {FIXTURE_WORDS} 字")) && summary.contains("展板2 316 字"),
        "{summary}\n{report:#}"
    );
    let codes = codes(&report, "boards");
    assert!(
        !codes.iter().any(|c| c.starts_with("board-text")),
        "{codes:?}\n{report:#}"
    );
    assert!(
        !codes.contains(&"document-unreadable".to_owned()),
        "{codes:?}"
    );
}

/// The findings (code, path) of the boards requirement.
fn board_findings(report: &serde_json::Value) -> Vec<(String, String)> {
    requirement(report, "boards")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("path"))
        })
        .collect()
}

#[test]
fn damaged_disguised_and_empty_decks_and_pages_are_named_and_not_counted() {
    let d = Dir::new();
    valid_submission(&d, ROOT);
    let boards = format!("{ROOT}/02宣传展板材料");
    let pptx = fixture("deck.pptx");
    let ppt = fixture("deck.ppt");
    let broken: [(&str, Vec<u8>); 4] = [
        ("展板3/展板文字.pptx", pptx[..pptx.len() * 6 / 10].to_vec()),
        ("展板4/展板文字.ppt", ppt[..ppt.len() / 2].to_vec()),
        ("展板5/展板文字.ppt", photo_n(9)),
        ("展板6/展板文字.mht", mht_with_broken_page()),
    ];
    for (n, (file, bytes)) in broken.iter().enumerate() {
        d.write(&format!("{boards}/{file}"), bytes);
        let folder = file.split('/').next().unwrap();
        d.write(
            &format!("{boards}/{folder}/社区读书会.jpg"),
            photo_n(20 + n as u8),
        );
    }
    d.write(
        &format!("{boards}/展板7/展板文字.pptx"),
        edited_deck(|s| without_pictures(&without_text(s))),
    )
    .write(&format!("{boards}/展板7/社区合唱团.jpg"), photo_n(30))
    .write(
        &format!("{boards}/展板8/展板文字.pptx"),
        edited_deck(without_text),
    )
    .write(&format!("{boards}/展板8/社区合唱团.jpg"), photo_n(31));
    let (_, report) = check_json(&d.join(ROOT));
    let findings = board_findings(&report);
    let about = |name: &str| -> Vec<&str> {
        findings
            .iter()
            .filter(|(_, p)| p.ends_with(name))
            .map(|(c, _)| c.as_str())
            .collect()
    };
    for (file, _) in &broken {
        assert!(
            about(file).contains(&"document-unreadable"),
            "{file}: {findings:?}"
        );
        let folder = file.split('/').next().unwrap();
        assert!(
            about(folder).contains(&"board-text-missing"),
            "{folder}: {findings:?}"
        );
    }
    // The jpg renamed .ppt is named for what it is.
    let messages = requirement(&report, "boards")["findings"].to_string();
    assert!(messages.contains("JPEG"), "{messages}");
    assert!(messages.contains("base64"), "{messages}");
    // An empty deck is a document of 0 字, as an empty .docx is; a deck of pictures
    // only is named as such and its text as uncounted.
    assert_eq!(about("展板7"), ["board-text-too-short"], "{findings:?}");
    assert_eq!(about("展板8"), ["board-text-missing"], "{findings:?}");
    let summary = requirement(&report, "boards")["summary"].as_str().unwrap();
    assert!(summary.contains("展板7 文字 0 字"), "{summary}");
    assert!(summary.contains("展板8 文字无法统计"), "{summary}");
    assert!(messages.contains("是图片、扫描件"), "{messages}");
    // The damaged .ppt is named as slides, with what to do.
    assert!(messages.contains("另存为 .pptx"), "{messages}");
}

/// Regenerates `tests/fixtures/deck.ppt` from `deck.pptx` with LibreOffice
/// (`soffice` on the PATH), less the 575 KB preview bitmap LibreOffice always writes
/// into the summary information: every other stream is LibreOffice's, byte for byte.
#[test]
#[ignore]
fn regenerate_deck_ppt() {
    let d = Dir::new();
    d.write("deck.pptx", fixture("deck.pptx"));
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "ppt", "--outdir"])
        .arg(d.path())
        .arg(d.join("deck.pptx"))
        .status()
        .expect("soffice");
    assert!(status.success());
    let converted = std::fs::read(d.join("deck.ppt")).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deck.ppt");
    std::fs::write(path, without_preview(&converted)).unwrap();
}

/// A compound file copied stream by stream, its summary information without the
/// thumbnail property (PIDSI_THUMBNAIL, 17).
fn without_preview(ole: &[u8]) -> Vec<u8> {
    let mut from = cfb::CompoundFile::open(Cursor::new(ole)).unwrap();
    let streams: Vec<_> = from
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_path_buf())
        .collect();
    let mut to =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    to.set_storage_clsid("/", *from.root_entry().clsid())
        .unwrap();
    for path in streams {
        let mut bytes = Vec::new();
        from.open_stream(&path)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        if path
            .file_name()
            .is_some_and(|n| n == "\u{5}SummaryInformation")
        {
            bytes = property_set_without(&bytes, 17);
        }
        to.create_stream(&path).unwrap().write_all(&bytes).unwrap();
    }
    to.flush().unwrap();
    to.into_inner().into_inner()
}

/// A one-section property set stream without property `pid`.
fn property_set_without(set: &[u8], pid: u32) -> Vec<u8> {
    let at = |b: &[u8], i: usize| u32::from_le_bytes(b[i..i + 4].try_into().unwrap()) as usize;
    let start = at(set, 44);
    let section = &set[start..];
    let (size, count) = (at(section, 0), at(section, 4));
    let mut index: Vec<(u32, usize)> = (0..count)
        .map(|i| (at(section, 8 + 8 * i) as u32, at(section, 12 + 8 * i)))
        .collect();
    index.sort_by_key(|&(_, offset)| offset);
    let kept: Vec<(u32, &[u8])> = index
        .iter()
        .enumerate()
        .map(|(i, &(id, offset))| {
            let end = index.get(i + 1).map_or(size, |&(_, next)| next);
            (id, &section[offset..end])
        })
        .filter(|&(id, _)| id != pid)
        .collect();
    let mut offset = 8 + 8 * kept.len();
    let mut table = Vec::new();
    let mut values: Vec<u8> = Vec::new();
    for (id, value) in &kept {
        table.extend(id.to_le_bytes());
        table.extend((offset as u32).to_le_bytes());
        values.extend(*value);
        offset += value.len();
    }
    let mut out = set[..start].to_vec();
    out.extend((offset as u32).to_le_bytes());
    out.extend((kept.len() as u32).to_le_bytes());
    out.extend(table);
    out.extend(values);
    out
}
