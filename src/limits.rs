//! Every resource limit in one place. A file or archive that reaches one gets a finding
//! naming the limit; nothing is read past it.

/// Bytes read from one file read whole, or from one decompressed XML part of a
/// .docx/.odt/.xlsx: the default of `[limits] read-mb`, which the readers use.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Seconds one PDF may take to parse, the default of `[limits] pdf-seconds`: PDF is
/// slow by nature, and a hostile one can be made slower still.
pub const PDF_SECONDS: u64 = 30;

/// Bytes one PDF page's content (its drawing instructions, and the character maps of
/// its fonts) may unpack to: a real page's is a few hundred KB, a scanned page's a few
/// hundred bytes, while a 16 KB stream can unpack to gigabytes. A page past it is named
/// with the limit; the PDF is not read and does not count.
pub const MAX_PDF_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Groups nested inside groups in an RTF file: Word and WPS write a few dozen at most
/// (tables, fields, shapes), and the reader keeps one entry per open group. A file
/// nesting deeper is named with the limit and not read.
pub const MAX_RTF_DEPTH: usize = 1_000;

/// Parts nested inside parts in a single-file web page (.mht): Word and browsers write
/// two levels (the page with its pictures, an alternative inside it). Each level is
/// split once more, so a file nesting deeper is named with the limit and not read.
pub const MAX_MHT_DEPTH: usize = 8;

/// Containers nested inside containers in a PowerPoint 97-2003 deck (.ppt, .dps): groups
/// of groups of shapes in a real deck stay far below it, and each level is walked
/// recursively. A deck nesting deeper is named with the limit and not read.
pub const MAX_PPT_NESTING: usize = 32;

/// Records visited in one .ppt deck: a 100-slide deck has some tens of thousands. Each
/// costs a step, so this bounds the work a stream of empty records (16 MB of them) can
/// make; a deck past it is named with the limit and not read.
pub const MAX_PPT_RECORDS: usize = 2_000_000;

/// Saves followed back through a .ppt deck's edit history (each fast save adds one): a
/// deck saved daily for years has a few hundred. A longer history is named with the
/// limit rather than read from part of it, which could miss slides.
pub const MAX_PPT_EDITS: usize = 10_000;

/// Memory one reader process may use (`[limits] reader-mb`): a file whose reader needs
/// more is damaged or built to exhaust memory. Two readers and the main process stay
/// well under 1 GB.
pub const READER_MB: u64 = 384;

/// Seconds one file may take to read in its reader process (`[limits]
/// reader-seconds`): past it the reader is stopped and the file is named.
pub const READER_SECONDS: u64 = 60;

/// Folder levels listed below a submission's root.
pub const MAX_DEPTH: usize = 64;

/// Entries listed from one archive: a real submission holds a few hundred files.
pub const MAX_ARCHIVE_ENTRIES: usize = 50_000;

/// Findings of one code listed one by one per requirement; the rest are counted in
/// one closing finding, so that a folder of 10,000 broken files stays readable.
pub const MAX_FINDINGS_PER_CODE: usize = 50;

/// Total declared uncompressed size of one archive: far above any real submission
/// (a few GB of video), far below what a zip bomb claims.
pub const MAX_ARCHIVE_TOTAL: u64 = 32 * 1024 * 1024 * 1024;

/// Compression ratio above which a large entry is taken for a zip bomb. Text and XML
/// compress 5-20×, photos and video barely at all; bombs reach 1000× and more.
pub const MAX_COMPRESSION_RATIO: u64 = 500;

/// Entries smaller than this are never judged by their ratio.
pub const RATIO_MIN_SIZE: u64 = 1024 * 1024;

/// Archives opened inside archives (a zip of photos inside a zipped submission is 2).
pub const MAX_ARCHIVE_NESTING: usize = 3;

/// Documents read for their titles in a folder whose name places it nowhere.
pub const TITLES_READ_PER_FOLDER: usize = 20;

/// Characters of submission text (a city's or a submission's name) that go into a file
/// name baosong makes, such as a reply letter's: with the words added to it, the name
/// stays far below the 255 characters Windows allows. A longer text is cut (never inside
/// a character); the name written is the one shown on the console.
pub const MAX_NAME_CHARS: usize = 100;

/// Bytes (UTF-8) of the same: Linux and macOS allow 255 bytes in a name, which 100 Chinese
/// characters (300 bytes) would pass.
pub const MAX_NAME_BYTES: usize = 200;

/// Rows read per sheet: a roster of opening-ceremony attendees is far shorter, and a
/// sheet with a cell below them is refused with a finding rather than read in part.
pub const MAX_SHEET_ROWS: usize = 10_000;

/// Columns read per row of a sheet: a roster has a handful (序号, 姓名, 单位, 职务, 电话,
/// 类别). As for rows, a sheet with a cell right of them is refused with a finding rather
/// than read in part.
pub const MAX_SHEET_COLUMNS: usize = 200;

/// Cells one workbook may make its reader hold: what it declares (the repeated cells
/// of an .ods, the DIMENSIONS and cell positions of an .xls) or holds (the cells of an
/// .xlsx, the fields of a .csv). A roster has a few hundred; a workbook past this is
/// refused before any reader allocates for it.
pub const MAX_SHEET_CELLS: u64 = 1_000_000;

/// Bytes of zips inside zips held in memory at once. A zip inside a zip is inflated
/// once into memory and its members read from there, instead of inflating the outer
/// member again from its first byte for every inner member; one that does not fit is
/// read in place as before (slower for many small members, never refused: a
/// province's photo zips may well add up to more).
pub const MAX_NESTED_ARCHIVE_BYTES: u64 = 256 * 1024 * 1024;

/// Earlier boards one board's text is compared with in full when they share its
/// rarest wording; past it the board is named, and compared no further.
pub const MAX_SIMILAR_CANDIDATES: usize = 100;

/// Pixels (width × height) a photo may declare and still be checked: 250 megapixels.
/// Phones write 12-50 MP, and 108 MP or 200 MP (16320×12240) in their full-resolution
/// modes; a medium-format camera 102 MP. A header declaring more (65500×65500 is 4,290
/// MP in a 1 KB file) is damaged or built to exhaust memory: no decoder is given it, and
/// the photo is named and does not count. The reduced decodes keep about one byte per
/// 8×8 block and colour, so under this bound they stay near 16 MB.
pub const MAX_PHOTO_PIXELS: u64 = 250_000_000;

/// Scans (passes over the whole picture) a progressive JPEG may have: libjpeg and phones
/// write 10, optimising encoders up to about 20. Each scan costs the decoder a pass over
/// every block, so this bounds its work; a sequential JPEG may have one scan per colour
/// component, as the JPEG standard says.
pub const MAX_JPEG_SCANS: usize = 64;

/// Memory one decode of a photo may need: a progressive JPEG's coefficients (128 bytes
/// per 8×8 block of every colour) or a PNG's pixels. 192 MB holds a 64-megapixel
/// progressive JPEG or a 50-megapixel PNG with transparency, and leaves room within a
/// reader process's memory.
pub const MAX_DECODE_BYTES: u64 = 192 * 1024 * 1024;

/// Bytes a photo's compressed extras (a PNG's colour profile and text) may unpack to. A
/// colour profile is a few KB, and 16 MB is the most a JPEG can carry; a 1 KB chunk
/// unpacking to 500 MB is built to exhaust memory.
pub const MAX_PHOTO_METADATA_BYTES: u64 = 16 * 1024 * 1024;

/// Bytes of a PNG's EXIF block (its eXIf chunk): a camera's EXIF is a few tens of KB, and
/// a JPEG cannot carry more than 64 KB of it. A photo with a larger one is named with the
/// limit and not checked, rather than judged as a photo without camera EXIF.
pub const MAX_PNG_EXIF_BYTES: u32 = 1024 * 1024;

/// Chunks walked in a PNG before its image data: encoders write a handful (header,
/// colours, text), a few dozen at most. Each is a seek and a read, so a photo with more is
/// named with the limit and not checked.
pub const MAX_PNG_CHUNKS: usize = 100_000;

/// Boxes in one level of an MP4/MOV (or HEIC) file's box tree: a real file has a handful
/// at the top and a few dozen inside any box; a fragmented recording has a pair per
/// fragment, some thousands an hour. A video with more is named with the limit.
pub const MAX_VIDEO_BOXES: usize = 100_000;

/// Chunks walked in an AVI video before its picture data (the `movi` list): a real file
/// has two to four (its header list, information, padding). A video with more before its
/// pictures is named with the limit.
pub const MAX_AVI_CHUNKS: usize = 10_000;

/// Bytes of one mail (.eml) read whole: four times the read limit, 256 MB. 126/163 and QQ
/// mail send at most about 50 MB of ordinary attachments (about 70 MB as mail text) and
/// larger files as download links; Outlook servers allow at most 150 MB. The mail, its
/// decoded attachments (three quarters of its size) and their listing stay within the
/// memory a check may take. A caller reads at most one byte more and hands the bytes to
/// the mail reader, which names a longer mail without reading it.
pub const MAX_MAIL_BYTES: u64 = 4 * MAX_PART_BYTES;

/// Mails attached inside a mail (a forward of a forward) read, one inside another: a
/// city forwarding a colleague's mail is 1.
pub const MAX_MAIL_NESTING: usize = 3;

/// Parts (attachments, bodies, inline pictures, containers) read from one mail, attached
/// mails included. A mail with 300 photos attached one by one has about 310.
pub const MAX_MAIL_PARTS: usize = 1000;

/// Levels of parts inside parts in one mail, attached mails included: a mail with
/// attachments, a picture in its text and a plain-text version is 3 deep, each forwarded
/// mail inside adds about 4. Each level is scanned once more for its boundaries, so this
/// also bounds the work of a hostile mail.
pub const MAX_MAIL_DEPTH: usize = 16;

/// Bytes of one part's header lines: a real mail's are a few KB (30 KB with a long
/// delivery path); past this the part is taken as damaged.
pub const MAX_MAIL_HEADER_BYTES: usize = 256 * 1024;

/// 超大附件 download links of one mail listed and judged: a real mail carries one to a
/// few (126/163 and QQ put each large file in a block of its own). Past this the rest
/// are counted in one finding that names the mail and the limit.
pub const MAX_LINKS_PER_MAIL: usize = 50;

/// Seconds baosong waits for a mailbox server to connect or answer one step (the TLS
/// handshake, a login, one batch of mails) before it gives up and says so. 126 answers
/// within a second; a batch of 64 MB over a slow office line takes about 40 s.
pub const IMAP_TIMEOUT_SECONDS: u64 = 90;

/// Bytes of mail fetched from a mailbox in one request: mails are fetched in batches of
/// at most this size (one larger mail alone), each read before the next is asked for.
pub const IMAP_BATCH_BYTES: u64 = MAX_PART_BYTES;
