//! Every finding code, in one table: its stable kebab-case name, default severity, and
//! the explanation `baosong explain CODE` prints. Adding a code means adding one row.

use serde::{Serialize, Serializer};

use crate::findings::{Lang, Severity};

macro_rules! codes {
    ($( $variant:ident => $name:literal, $sev:ident,
        zh: $zh:literal,
        en: $en:literal; )*) => {
        /// A stable finding code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev),* }
            }

            /// What the code means and how to fix it.
            pub fn explain(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$variant, Lang::Zh) => $zh,
                      (Code::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

codes! {
    SectionMissing => "section-missing", Error,
        zh: "提交材料中找不到这一项。请在材料根目录下放一个名称含有规定关键词的文件夹或文件（例如“01工作方案”），把这一项的材料放进去。",
        en: "No file or folder in the submission matches this requirement. Add a folder or file at the top level whose name contains one of the requirement's keywords (for example \"01工作方案\") and put the material in it.";
    SectionAmbiguous => "section-ambiguous", Warning,
        zh: "这个名称同时符合两项要求的关键词，baosong 只按其中一项检查。请改名，让每个文件夹只对应一项要求。",
        en: "This name contains keywords of two requirements; baosong checked it for one of them only. Rename it so each folder matches exactly one requirement.";
    DocumentMissing => "document-missing", Error,
        zh: "这一项没有可读取的文档。请放入 Word 文档（.docx）或文本文件。",
        en: "This requirement has no readable document. Add a Word document (.docx) or a text file.";
    DocumentEmpty => "document-empty", Error,
        zh: "文档中没有文字。请检查是否保存了空白文档，换成有内容的版本。",
        en: "The document contains no text. Check that you did not save a blank document, and replace it with the finished one.";
    DocumentImagesOnly => "document-images-only", Warning,
        zh: "文档里只有图片（可能是扫描件或截图），没有可统计的文字，内容未能核验。请提供文字版的 Word 文档。",
        en: "The document holds only pictures (a scan or screenshots) and no text to count, so its content was not verified. Send a Word document with the text.";
    DocumentScanned => "document-scanned", Warning,
        zh: "PDF 没有文字层（扫描件或图片），字数无法统计，内容未能核验。请同时提供 Word 版。",
        en: "The PDF has no text layer (a scan or pictures), so its words cannot be counted and it was not verified. Send the Word version as well.";
    DocumentUnreadable => "document-unreadable", Error,
        zh: "文档已损坏或不是它扩展名所说的格式，无法打开。请用 Word 或 WPS 重新打开并另存为 .docx。",
        en: "The document is damaged or is not the format its extension says, so it cannot be opened. Open it in Word or WPS and save it again as .docx.";
    DocumentEncrypted => "document-encrypted", Error,
        zh: "文档已加密（设置了打开密码），审核人员无法打开。请去除密码后再报送。",
        en: "The document is encrypted with a password, so reviewers cannot open it. Remove the password and send it again.";
    FormatNotSupportedYet => "format-not-supported-yet", Warning,
        zh: "baosong 暂时还不能读取这种格式（如 .doc、.wps、.pdf、.et、.heic），内容未能核验。文件头正常，已按存在计；如需核验字数，请另存为 .docx（照片另存为 .jpg）。",
        en: "baosong cannot read this format yet (.doc, .wps, .pdf, .et, .heic and similar), so its content was not verified. Its file header is valid, so it counts as present; to have it checked, save it as .docx (photos as .jpg).";
    BoardsTooFew => "boards-too-few", Error,
        zh: "展板数量不够。每块展板放在展板材料文件夹下的一个子文件夹中（如“展板1”“展板2”），里面放文字和照片。",
        en: "Too few display boards. Put each board in its own sub-folder of the boards folder (e.g. \"展板1\", \"展板2\") with its text and photos.";
    BoardTextMissing => "board-text-missing", Error,
        zh: "这块展板没有文字材料。请在展板文件夹中放入展板文字（.docx 或 .txt）。",
        en: "This board has no text. Put the board's text (.docx or .txt) in the board's folder.";
    BoardTextTooShort => "board-text-too-short", Error,
        zh: "展板文字字数不够（按 Word 字数统计口径计算）。请补充文字，达到规定字数。",
        en: "The board's text is shorter than required (counted as Word's word count does). Add text until it reaches the required count.";
    BoardPhotoMissing => "board-photo-missing", Error,
        zh: "这块展板没有照片。请放入原版照片，并以照片说明命名。",
        en: "This board has no photos. Add original photos, each named with its caption.";
    BoardEmpty => "board-empty", Warning,
        zh: "展板文件夹是空的，没有算作一块展板。请放入这块展板的文字和照片，或删除这个文件夹。",
        en: "The board folder is empty and was not counted as a board. Put the board's text and photos in it, or delete the folder.";
    BoardsLooseFile => "boards-loose-file", Warning,
        zh: "展板材料文件夹下直接放了文件。请为每块展板建一个文件夹（如“展板1”），把该展板的文字和照片放进去。",
        en: "A file sits directly in the boards folder. Make one folder per board (e.g. \"展板1\") and put that board's text and photos in it.";
    PhotoCaptionTooLong => "photo-caption-too-long", Error,
        zh: "照片文件名（照片说明）超过规定字数。请把文件名改成不超过规定字数的照片说明。",
        en: "The photo's file name (its caption) is longer than allowed. Rename the photo to a shorter caption.";
    PhotoCaptionEmpty => "photo-caption-empty", Error,
        zh: "照片文件名去掉序号后没有照片说明。请用照片说明给照片命名，如“社区读书会.jpg”。",
        en: "After removing the number, the photo's file name has no caption. Name the photo with its caption, e.g. \"社区读书会.jpg\".";
    PhotoCaptionDeviceName => "photo-caption-device-name", Error,
        zh: "照片文件名是手机、相机或微信自动生成的名字，不是照片说明。请把照片改名为 10 字以内的照片说明。",
        en: "The photo's file name was made by a phone, camera or WeChat; it is not a caption. Rename the photo with a caption of at most 10 characters.";
    PhotoCaptionCopyMark => "photo-caption-copy-mark", Warning,
        zh: "照片文件名带有“副本”或“(1)”之类的复制标记，可能是重复的照片。请确认后删除多余的一张，并去掉文件名中的标记。",
        en: "The photo's file name carries a copy mark such as \"- 副本\" or \"(1)\"; it may be a duplicate. Check it, remove the extra copy and the mark.";
    PhotoTooSmall => "photo-too-small", Error,
        zh: "照片尺寸太小，不是原图（微信等发送时会压缩照片）。请从手机或相机中取原图，或在微信中勾选“原图”后发送。",
        en: "The photo is too small to be an original (WeChat and similar apps shrink photos). Take the original from the phone or camera, or tick \"原图\" (original) when sending by WeChat.";
    PhotoNoCameraExif => "photo-no-camera-exif", Warning,
        zh: "照片没有相机拍摄信息（EXIF），可能不是原图：经微信压缩、截图或编辑过的照片会丢失这些信息。请确认提供的是原图。",
        en: "The photo has no camera information (EXIF), so it may not be an original: WeChat compression, screenshots and editors strip it. Make sure you send the original.";
    PhotoHeic => "photo-heic", Warning,
        zh: "照片是 iPhone 的 HEIC 格式，很多 Windows 电脑打不开。建议转换为 JPG（如在 iPhone 设置“相机 > 格式”中选“兼容性最佳”）后再报送。",
        en: "The photo is in iPhone's HEIC format, which many Windows PCs cannot open. Convert it to JPG (on the iPhone: Settings > Camera > Formats > Most Compatible) before sending.";
    PhotoUnreadable => "photo-unreadable", Error,
        zh: "照片文件已损坏或不是图片，无法读取。请重新从原始位置复制这张照片。",
        en: "The photo file is damaged or is not an image. Copy the photo again from where it came from.";
    EntriesTooFew => "entries-too-few", Error,
        zh: "可计数的材料数量不够。每份材料（一个文档、一个视频，或一个含文档/视频的文件夹）直接放在这一项的文件夹下。",
        en: "Too few entries count. Put each entry (a document, a video, or a folder holding one) directly in this requirement's folder.";
    EntryNotCounted => "entry-not-counted", Warning,
        zh: "这份材料没有被计数：它不是可读取的文字材料或视频，也不是含有这些材料的文件夹。请补充文字材料或视频。",
        en: "This entry was not counted: it is not a readable text document or video, nor a folder holding one. Add its text or video.";
    VideoBroken => "video-broken", Error,
        zh: "视频文件不完整或已损坏（常见于传输中断），无法播放。请重新导出或重新复制完整的视频文件。",
        en: "The video is incomplete or damaged (often an interrupted transfer) and will not play. Export or copy the complete video again.";
    VideoUnverified => "video-unverified", Warning,
        zh: "baosong 无法核验这种视频格式。请确认能正常播放，最好转换为 .mp4 后报送。",
        en: "baosong cannot verify this video format. Make sure it plays, and preferably convert it to .mp4.";
    VideoCacheFile => "video-cache-file", Error,
        zh: "这是视频网站缓存文件（.qlv、.qsv、.kux），只能在下载它的软件里播放，其他电脑无法播放。请提供原始视频文件（如 .mp4）。",
        en: "This is a video-site cache file (.qlv, .qsv, .kux) that plays only in the app that downloaded it. Send the original video file (e.g. .mp4).";
    RosterNoNameColumn => "roster-no-name-column", Error,
        zh: "名单表格的前 10 行中找不到“姓名”列。请在表头中加上“姓名”一列。",
        en: "No \"姓名\" (name) column was found in the first 10 rows of the roster. Add a \"姓名\" column to the header row.";
    RosterTooFew => "roster-too-few", Error,
        zh: "名单中的人数少于规定人数。请补充参会人员，每人一行，并填写姓名。",
        en: "The roster lists fewer people than required. Add the attendees, one per row, each with a name.";
    RosterMissing => "roster-missing", Error,
        zh: "这一项中没有可读取的名单表格。请放入 Excel 表格（.xlsx 或 .xls）或 .csv 文件。",
        en: "This requirement has no readable roster. Add an Excel workbook (.xlsx or .xls) or a .csv file.";
    RosterUnreadable => "roster-unreadable", Error,
        zh: "表格文件已损坏或不是它扩展名所说的格式，无法打开。请用 Excel 或 WPS 重新打开并另存为 .xlsx。",
        en: "The spreadsheet is damaged or is not the format its extension says, so it cannot be opened. Open it in Excel or WPS and save it again as .xlsx.";
    ArchiveUnsupported => "archive-unsupported", Error,
        zh: "这是 RAR 或 7z 压缩包，baosong 不能直接读取。请解压后再检查，或改用 .zip 格式压缩。",
        en: "This is a RAR or 7z archive, which baosong cannot read. Extract it first and check the folder, or compress it as .zip.";
    ArchiveCorrupt => "archive-corrupt", Error,
        zh: "压缩包已损坏或不完整（常见于下载中断），无法打开。请重新下载附件，或请对方重新压缩发送。",
        en: "The archive is damaged or incomplete (often an interrupted download) and cannot be opened. Download it again, or ask the sender to zip it again.";
    ArchiveUnsafePath => "archive-unsafe-path", Error,
        zh: "压缩包中的这个文件名指向压缩包以外的位置（如含有“../”或盘符），为安全起见没有读取。请重新压缩材料。",
        en: "This entry's name points outside the archive (\"../\", an absolute path or a drive letter), so it was not read. Zip the material again.";
    ArchiveEncrypted => "archive-encrypted", Error,
        zh: "压缩包中的文件设置了密码，无法读取。请不加密码重新压缩。",
        en: "The archive entry is password-protected and cannot be read. Zip it again without a password.";
    ArchiveCompressionUnsupported => "archive-compression-unsupported", Error,
        zh: "压缩包使用了不常见的压缩方式，无法读取。请用标准 zip 格式（如 Windows 自带的“发送到压缩文件夹”）重新压缩。",
        en: "The archive uses an uncommon compression method. Zip it again in the standard format (e.g. Windows' \"Send to compressed folder\").";
    ArchiveBomb => "archive-bomb", Error,
        zh: "压缩包解压后的大小或文件数超出合理范围（疑似“压缩炸弹”），超出部分没有读取。请检查压缩包内容后重新压缩。",
        en: "The archive expands beyond sane limits of size or entries (a zip bomb?); the excess was not read. Check its content and zip it again.";
    FileEmpty => "file-empty", Error,
        zh: "文件大小为 0 字节，里面什么都没有（常见于复制或下载失败）。请重新复制这个文件。",
        en: "The file is 0 bytes long and holds nothing (a failed copy or download). Copy the file again.";
    FileShortcut => "file-shortcut", Error,
        zh: "这是一个快捷方式，不是文件本身，对方打不开。请把真正的文件复制进来，并删除快捷方式。",
        en: "This is a shortcut, not the file itself, and the recipient cannot open it. Copy the real file in and delete the shortcut.";
    FileDebris => "file-debris", Warning,
        zh: "这是系统或 Office 自动生成的临时文件（如 ~$ 开头的文件、Thumbs.db、.DS_Store、__MACOSX），不是材料。报送前请删除。",
        en: "This is a temporary file made by the system or Office (~$ lock files, Thumbs.db, .DS_Store, __MACOSX), not material. Remove it before sending.";
    FileDefaultName => "file-default-name", Warning,
        zh: "文件名是“新建 … 文档”之类的默认名称。请改成能说明内容的名称。",
        en: "The file has a default name such as \"新建 DOCX 文档\". Rename it to say what it contains.";
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or(())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_kebab_case_and_round_trip() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "duplicate code {name}");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{name} is not kebab-case"
            );
            assert_eq!(name.parse::<Code>(), Ok(code));
            assert!(!code.explain(Lang::Zh).is_empty());
            assert!(!code.explain(Lang::En).is_empty());
        }
    }
}
