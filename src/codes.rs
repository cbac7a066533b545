//! Every finding code, in one table: its stable kebab-case name, default severity, and
//! the explanation `baosong explain CODE` prints. Adding a code means adding one row.

use serde::{Serialize, Serializer};

/// Output language of every user-facing sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// 简体中文
    #[default]
    Zh,
    /// English
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    /// An error on a requirement that is not due yet: what the city still has to do,
    /// never a failure today. Only the report gives it, once deadlines are applied.
    Pending,
    Error,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Info, Lang::Zh) => "提示",
            (Severity::Pending, Lang::Zh) => "未到期",
            (Severity::Pending, Lang::En) => "not yet due",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

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

            /// What the code means and how to fix it, with the configured caption
            /// length and read limit (in MB) put in.
            pub fn explain_with(self, lang: Lang, max_caption: u32, read_mb: u64) -> String {
                self.explain(lang)
                    .replace("{max-caption}", &max_caption.to_string())
                    .replace("{read-mb}", &read_mb.to_string())
            }

            /// What the code means and how to fix it, with `{max-caption}` and
            /// `{read-mb}` standing for the configured values.
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
        zh: "文档里只有图片（可能是扫描件或截图），没有可统计的文字。盖章的工作方案、总结扫描件按已提交计（警告）；展板文字、案例和典型材料必须是可编辑的文字，图片不计。请提供文字版的 Word 文档。",
        en: "The document holds only pictures (a scan or screenshots) and no text to count. A stamped scan of a plan or summary counts as submitted (with this warning); board texts, cases and exemplars must be editable text, and pictures do not count. Send a Word document with the text.";
    DocumentScanned => "document-scanned", Warning,
        zh: "PDF 没有文字层（扫描件或图片），字数无法统计。盖章的工作方案、总结扫描件按已提交计（警告）；展板文字、案例和典型材料的扫描件不计。请同时提供 Word 版。",
        en: "The PDF has no text layer (a scan or pictures), so its words cannot be counted. A stamped scan of a plan or summary counts as submitted (with this warning); scans of board texts, cases and exemplars do not count. Send the Word version as well.";
    DocumentUnreadable => "document-unreadable", Error,
        zh: "文档已损坏或不是它扩展名所说的格式，无法打开。请用 Word 或 WPS 重新打开并另存为 .docx。",
        en: "The document is damaged or is not the format its extension says, so it cannot be opened. Open it in Word or WPS and save it again as .docx.";
    DocumentEncrypted => "document-encrypted", Error,
        zh: "文档已加密（设置了打开密码），审核人员无法打开。请去除密码后再报送。",
        en: "The document is encrypted with a password, so reviewers cannot open it. Remove the password and send it again.";
    FormatNotSupportedYet => "format-not-supported-yet", Warning,
        zh: "baosong 不能读取这种格式的内容（如 Apple Pages、Word 6.0/95 旧格式），内容未能核验，不计入任何要求。请另存为 .docx 后再报送。",
        en: "baosong cannot read the content of this format (Apple Pages, the old Word 6.0/95 format), so nothing in it was verified and it counts toward no requirement. Save it as .docx and send that.";
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
        zh: "照片文件名是手机、相机或微信自动生成的名字，不是照片说明。请把照片改名为 {max-caption} 字以内的照片说明。",
        en: "The photo's file name was made by a phone, camera or WeChat; it is not a caption. Rename the photo with a caption of at most {max-caption} characters.";
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
    PhotoIncomplete => "photo-incomplete", Error,
        zh: "照片文件不完整（传输中断？），文件结尾缺失，打开时会缺一截或打不开。请重新复制这张照片的原文件。",
        en: "The photo file is incomplete (an interrupted transfer?): its end is missing, so it shows partly or not at all. Copy the original file again.";
    PhotoResized => "photo-resized", Error,
        zh: "照片被缩小过：相机记录的原始尺寸比现在的尺寸大，说明经过了压缩或裁剪，不是原图。请提供原图。",
        en: "The photo was scaled down: the camera recorded a larger size than it has now, so it was compressed or cropped and is not the original. Send the original.";
    PhotoEdited => "photo-edited", Info,
        zh: "照片的 EXIF 显示它经过修图或美颜软件处理。请确认照片内容真实。",
        en: "The photo's EXIF shows it went through an editing or beautifying app. Make sure it shows what really happened.";
    PhotoScreenshot => "photo-screenshot", Warning,
        zh: "这张图片看起来是截图（没有相机信息，尺寸与屏幕分辨率相同，或是不带拍摄信息的 PNG）。展板需要原版照片，请提供拍摄的原图。",
        en: "This image looks like a screenshot (no camera information, and the size of a screen, or a PNG with no shooting data). Boards need original photos; send the photo as taken.";
    PhotoOutsidePeriod => "photo-outside-period", Warning,
        zh: "照片的拍摄日期（EXIF）不在活动周期间，可能不是本次活动的照片。请核实，或换成活动期间拍摄的照片。",
        en: "The photo's EXIF shooting date is outside the activity period, so it may not show this year's week. Check it, or use a photo taken during the week.";
    PhotoDateFuture => "photo-date-future", Warning,
        zh: "照片的拍摄日期（EXIF）晚于检查日期，说明拍摄设备的日期设置有误或照片信息被改过。请核实。",
        en: "The photo's EXIF shooting date is after the check date: the camera's clock was wrong or the data was altered. Check it.";
    PhotoClockUnset => "photo-clock-unset", Warning,
        zh: "照片的拍摄日期（EXIF）是 0000:00:00 或 2000 年以前，说明拍摄设备的时钟没有设置，无法判断照片是否摄于活动期间。请核实照片是否为本次活动所拍。",
        en: "The photo's EXIF shooting date is 0000:00:00 or before 2000: the camera's clock was never set, so it cannot tell whether the photo was taken during the week. Check that it shows this year's week.";
    PhotoDecodeError => "photo-decode-error", Error,
        zh: "完整解码照片时出错（--deep），照片数据已损坏，部分内容可能显示不出来。请重新提供原图。",
        en: "Fully decoding the photo failed (--deep): its data is damaged and part of it may not show. Send the original again.";
    PhotoNearDuplicate => "photo-near-duplicate", Warning,
        zh: "两张照片画面几乎相同（--deep），可能是同一张照片的不同大小或压缩版本（如微信转发的副本）。请只保留原图。",
        en: "Two photos show almost the same picture (--deep): probably one photo at another size or quality (a WeChat copy, say). Keep only the original.";
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
    FileDuplicate => "file-duplicate", Warning,
        zh: "同一个文件（内容完全相同）在材料中出现了不止一次，例如同一张照片放在了两块展板里。请删除重复的文件，或换成不同的照片。",
        en: "The same file (identical bytes) appears more than once, e.g. one photo on two boards. Remove the copies, or use different photos.";
    TextSimilar => "text-similar", Warning,
        zh: "两块展板的文字完全相同或几乎相同。每块展板应有各自的文字，请修改。",
        en: "Two boards carry the same or nearly the same text. Each board needs its own text; revise it.";
    TextCopied => "text-copied", Warning,
        zh: "展板文字大部分是从工作方案或工作总结中复制的。请为展板另写文字。",
        en: "The board's text is mostly copied from the work plan or summary. Write the board's own text.";
    TextPlaceholder => "text-placeholder", Warning,
        zh: "文档中留有模板的占位文字（如“XX市”“（此处填写…）”“请输入”）。请把这些地方填写完整。",
        en: "The document still holds template placeholders (\"XX市\", \"（此处填写…）\", \"请输入\"). Fill them in.";
    EntryTextTooShort => "entry-text-too-short", Warning,
        zh: "这份材料的文字少于规则要求的字数，没有被计数。请补充文字。",
        en: "This entry's text is shorter than the rules require, so it was not counted. Add text.";
    EntryParts => "entry-parts", Info,
        zh: "一个文档中按标题分成了几个部分（如“一、百姓学习之星张秀英”“二、…”），每个字数足够的部分各算一份材料。请确认每个部分是一个先进典型或案例。",
        en: "One document is divided by its headings into parts (\"一、百姓学习之星张秀英\", \"二、…\"); each part with enough text counts as an entry of its own. Make sure each part is one exemplar or case.";
    ContentDuplicate => "content-duplicate", Warning,
        zh: "这份材料与另一份内容相同（文件完全相同，或文字完全相同），只计数一次。请换成不同的材料，或删除重复的一份。",
        en: "This material has the same content as another (an identical file, or identical text), so it counts once. Replace it with different material, or remove the copy.";
    LinkNotMaterial => "link-not-material", Error,
        zh: "这是快捷方式、链接或特殊文件，不是材料本身，没有读取也不计数。请把文件本身放进材料文件夹。",
        en: "This is a shortcut, a link or a special file, not the material itself; it was not read and does not count. Put the file itself in the folder.";
    FolderUnreadable => "folder-unreadable", Error,
        zh: "这个文件夹无法打开（没有权限，或名称无效），里面的材料没有检查。请检查文件夹权限或改名后重新检查。",
        en: "This folder cannot be opened (no permission, or an invalid name), so the material in it was not checked. Fix its permissions or rename it and check again.";
    RosterRowsSkipped => "roster-rows-skipped", Info,
        zh: "名单中的合计行、填报人/审核人、备注说明，以及不像人名的行，没有计入参会人数。请确认参会人员都写在姓名列中。",
        en: "Total rows, sign-offs (填报人, 审核人), notes, and rows whose name cell is not a person's name were not counted as attendees. Make sure every attendee is in the name column.";
    RosterPlaceholder => "roster-placeholder", Warning,
        zh: "名单中有“待定”“空缺”“某某”“××”之类未确定的人员，没有计入参会人数。请填写实际参会人员的姓名。",
        en: "The roster holds places not yet filled (待定, 空缺, 某某, ××); they were not counted. Enter the attendees' names.";
    RosterPhoneInvalid => "roster-phone-invalid", Warning,
        zh: "名单中的电话号码格式不对：应为 11 位手机号（1 开头，第二位 3-9），或带区号的固定电话（如 024-86896319）。请核对。",
        en: "A phone number in the roster is malformed: it must be an 11-digit mobile number (1, then 3-9) or a landline with its area code (e.g. 024-86896319). Check it.";
    RosterDuplicateName => "roster-duplicate-name", Warning,
        zh: "名单中有重名的人员，可能重复填写。请核对。",
        en: "A name appears more than once in the roster; it may be entered twice. Check it.";
    RosterNumberMangled => "roster-number-mangled", Warning,
        zh: "身份证号或电话号码被 Excel 存成了数字：超过 15 位的数字后几位会变成 0，开头的 0 也会丢失。请把这一列设置为“文本”格式后重新输入。",
        en: "An ID or phone number was stored by Excel as a number: past 15 digits the last ones turn into 0, and leading zeros are lost. Format the column as text and enter them again.";
    RosterCategoryMissing => "roster-category-missing", Warning,
        zh: "名单的类别/身份列中缺少通知要求的某类人员（领导、工作人员、百姓学习之星、品牌项目代表等）。请核对。",
        en: "The roster's category column lacks a kind of attendee the notice names (leaders, staff, 百姓学习之星, brand-project representatives). Check it.";
    MailTooLarge => "mail-too-large", Info,
        zh: "材料总大小超过邮箱普通附件的上限，需要用“超大附件”发送。超大附件的下载链接几天后会过期，请提醒收件方及时下载。",
        en: "The material is larger than an ordinary mail attachment may be, so it must go as a 超大附件 (large-attachment link). Such links expire after some days; ask the recipient to download it in time.";
    FileTooLargeForMail => "file-too-large-for-mail", Info,
        zh: "这个文件单独就超过了邮箱普通附件的上限，只能作为“超大附件”发送（链接会过期），或先压缩视频。",
        en: "This file alone exceeds the mail attachment limit: it can only go as a 超大附件 link (which expires), or the video must be made smaller.";
    FolderTooDeep => "folder-too-deep", Warning,
        zh: "文件夹嵌套层数过多，更深处的内容没有检查。请整理文件夹，减少层级。",
        en: "Folders are nested too deep; what lies deeper was not checked. Flatten the folders.";
    FileOverReadLimit => "file-over-read-limit", Warning,
        zh: "文件超过 baosong 的读取上限（{read-mb} MB，规则文件 [limits] read-mb），内容没有读取，不计入任何要求。请拆分文件或另存为较小的文件。",
        en: "The file is over baosong's read limit ({read-mb} MB, [limits] read-mb in the rules), so its content was not read and it counts toward no requirement. Split it or save it smaller.";
    InternalError => "internal-error", Error,
        zh: "baosong 在检查这份材料时遇到了自身的错误，这份材料没有检查完。请把材料和这条信息发给 baosong 的维护人员；其他材料不受影响。",
        en: "baosong hit an error of its own while checking this submission, which was not fully checked. Send the material and this message to baosong's maintainers; the other submissions are unaffected.";
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

    #[test]
    fn every_placeholder_in_an_explanation_is_filled_in_both_languages() {
        for &code in Code::ALL {
            let (zh, en) = (code.explain(Lang::Zh), code.explain(Lang::En));
            for placeholder in ["{max-caption}", "{read-mb}"] {
                assert_eq!(zh.contains(placeholder), en.contains(placeholder), "{code}");
            }
            for lang in [Lang::Zh, Lang::En] {
                let text = code.explain_with(lang, 10, 64);
                assert!(!text.contains('{'), "{code}: {text}");
            }
        }
    }
}
