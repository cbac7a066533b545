explain-section-missing = No file or folder in the submission matches this requirement. Make a folder at the top of the submission folder whose name says the requirement (for example "01工作方案") and put the material in it.
explain-section-ambiguous = This name fits two requirements (such as "工作方案和总结"), and it was checked for one of them only. Right-click it in Explorer → Rename so that each folder or file names one requirement, and keep the two materials apart.
explain-document-missing = This requirement has no document that opens. Put the document written in Word or WPS (.docx) in this requirement's folder.
explain-document-empty = The document holds no text; it was perhaps saved blank. Open it in Word or WPS and replace it with the finished one.
explain-document-images-only = The document holds only pictures (a scan or screenshots) and no text to count. A stamped scan of a plan or summary counts as submitted (with this warning); board texts, cases and exemplars must be editable text, and pictures do not count. Send a Word document with the text.
explain-document-scanned = The PDF is a scan (every page a picture), so its words cannot be counted. A stamped scan of a plan or summary counts as submitted (with this warning); scans of board texts, cases and exemplars do not count. Send the Word or WPS document as well.
explain-document-unreadable = The document is damaged, or its content does not match the extension at the end of its name (such as .docx), so it cannot be opened. Open the original in Word or WPS, File → Save As .docx, and put that in; if it will not open, ask its author for another copy.
explain-document-encrypted = The document has an opening password, so the province cannot open it. Open it in Word or WPS, clear the password (Word: File → Info → Protect Document → Encrypt with Password; WPS: File → Document Encryption → Password Encryption), save and send it again.
explain-format-not-supported-yet = baosong cannot read this format (such as a Mac Pages document or the old Word 6.0/95 format), so nothing in it was verified and it counts toward no requirement. Open it in Word or WPS and save it as .docx (export a Pages document to Word on the Mac).
explain-boards-too-few = Too few display boards. Put each board in its own sub-folder of the boards folder (e.g. "展板1", "展板2") with its text and photos.
explain-board-text-missing = This board has no text. Put the board's text (Word, WPS, PowerPoint or .txt) in the board's folder.
explain-board-text-too-short = The board's text is shorter than required (counted as Word's word count does). Add text; Word's or WPS's Review → Word Count shows the count.
explain-board-photo-missing = This board has no photos. Put the original photos in the board's folder, each named with its caption (e.g. "社区读书会.jpg").
explain-board-empty = The board folder is empty and was not counted as a board. Put the board's text and photos in it, or delete the folder.
explain-boards-loose-file = A file sits directly in the boards folder. Make one folder per board (e.g. "展板1") and put that board's text and photos in it.
explain-photo-caption-too-long = The photo's file name is its caption, and it is longer than { $max-caption } characters. Right-click the photo → Rename and shorten the caption to { $max-caption } characters at most.
explain-photo-caption-empty = Once the number in front is removed, the photo's file name has no caption. Right-click the photo → Rename and name it with its caption, e.g. "01-社区读书会.jpg".
explain-photo-caption-device-name = The photo's file name was made by a phone, camera, WeChat or an editor ("微信图片_…", "下载 (1)", "未命名-1", "图片1"); it is not a caption. Right-click the photo → Rename and give it a caption of at most { $max-caption } characters, e.g. "社区读书会.jpg".
explain-photo-caption-copy-mark = The photo's file name carries a copy mark such as "- 副本" or "(1)"; it may duplicate another photo. Open both, delete the extra copy, and remove the mark from the name.
explain-photo-too-small = The photo is too small to be an original: WeChat without "原图" (original), screenshots and forwarding shrink photos. Find the photo in the phone's album and copy it by cable, or send it by WeChat with "原图" ticked.
explain-photo-no-camera-exif = The photo carries no camera data (date taken, camera model), so it may not be an original: WeChat compression, screenshots and editors strip it. Right-click the photo → Properties → Details shows whether "Date taken" and "Camera model" are there; take the original from the phone's album, by cable or by WeChat with "原图" ticked.
explain-photo-heic = The photo is in iPhone's HEIC format, which many Windows PCs cannot open. Convert it to JPG: on the iPhone set Settings → Photos → Transfer to Mac or PC to Automatic and copy the photos by cable; for new photos choose Settings → Camera → Formats → Most Compatible.
explain-photo-incomplete = The photo file is incomplete (a copy or download was interrupted): its end is missing, so it shows partly grey or not at all. Copy the photo again from the phone or computer it came from.
explain-photo-resized = The photo was scaled down: the camera recorded a larger size than it has now, so it was compressed or cropped and is not the original. Take the original from the phone's album, by cable or by WeChat with "原图" ticked.
explain-photo-edited = The photo's camera data records an editing or beautifying app. This is only a note: make sure the photo shows what really happened; an unedited original is better.
explain-photo-screenshot = This image looks like a screenshot (no camera data, and the size of a screen, or a PNG with no shooting data). Boards need photos as taken: take the original from the phone's album, not a screenshot.
explain-photo-outside-period = The photo's date taken is outside the activity period, so it may not show this year's week. Right-click the photo → Properties → Details shows "Date taken"; if it was not taken at the week, use a photo that was.
explain-photo-date-future = The photo's date taken is after the check date: the phone's or camera's clock was wrong, or the data was altered. Make sure the photo is from the week, and set the camera's date right.
explain-photo-clock-unset = The photo's date taken is 0000:00:00 or before 2000: the camera's clock was never set, so whether it was taken during the week cannot be told. Make sure it is from the week and set the camera's date; a phone photo is better.
explain-photo-decode-error = The photo's picture data is damaged: part of it shows grey or garbled. Copy the photo again from the phone or camera.
explain-photo-near-duplicate = Two photos show almost the same picture: probably one photo as the original and as a compressed copy (a WeChat copy, say). Compare them, keep only the original and delete the other.
explain-photo-unreadable = The photo file is damaged or is not an image. Copy the photo again from the phone or camera.
explain-entries-too-few = Too few entries count. Put each entry (a document, a video, or a folder holding one) directly in this requirement's folder.
explain-entry-not-counted = This entry was not counted: it is not a readable text document or video, nor a folder holding one. Add its text or video.
explain-video-broken = The video is incomplete or damaged (often an interrupted copy or download) and will not play. Export or copy the complete video again, and check that it plays to the end before putting it in.
explain-video-unverified = baosong cannot verify that a video in this format (.rm, .rmvb, .f4v) is complete and plays, so it counts toward no requirement. Convert it to .mp4 (or ask whoever made it to export an MP4) and send that.
explain-video-cache-file = This is a video-site cache file (.qlv, .qsv, .kux from Tencent Video, iQiyi, Youku) that plays only in the app that downloaded it. Ask whoever made the video for the original file (e.g. .mp4).
explain-roster-no-name-column = No "姓名" (name) column was found in the first 10 rows of the roster. Add a "姓名" column to the header row and write each person's name in it.
explain-roster-too-few = The roster lists fewer people than required. Add the attendees, one per row, each with a name.
explain-roster-missing = This requirement has no readable roster. Add an Excel workbook (.xlsx or .xls), a .csv file or a Word document with a table.
explain-roster-unreadable = The spreadsheet is damaged, or its content does not match the extension at the end of its name, so it cannot be opened. Open the original in Excel or WPS, File → Save As .xlsx, and put that in.
explain-archive-unsupported = This is a RAR or 7z archive, which baosong cannot read. Right-click it → extract, and check the extracted folder; to send it, zip it instead: right-click the folder → Send to → Compressed (zipped) folder.
explain-archive-corrupt = The archive is damaged or incomplete (often an interrupted download) and cannot be opened. Download it again, or ask the sender to zip it again.
explain-archive-unsafe-path = The path of this file inside the archive is abnormal (made by an uncommon zip program, perhaps), so it was not read, for safety. Extract the material to a folder, then right-click the folder → Send to → Compressed (zipped) folder.
explain-archive-encrypted = The archive is password-protected, so the files in it cannot be read. Zip it again without a password: right-click the folder → Send to → Compressed (zipped) folder.
explain-archive-compression-unsupported = The archive uses an uncommon compression method. Zip it again with Windows' own zip: right-click the folder → Send to → Compressed (zipped) folder.
explain-archive-bomb = The archive expands to an abnormal size or number of files (it is damaged, or malicious); the excess was not read. Extract it, check that it holds only the material, remove anything else and zip it again.
explain-file-duplicate = The same file (identical bytes) appears more than once, e.g. one photo on two boards. Remove the copies, or use different photos.
explain-text-similar = Two boards carry the same or nearly the same text. Each board needs its own text; revise it.
explain-text-copied = The board's text is mostly copied from the work plan or summary. Write the board's own text.
explain-text-placeholder = The document still holds template placeholders ("XX市", "（此处填写…）", "请输入"). Find them with Find in Word or WPS and fill them in.
explain-entry-text-too-short = The text is shorter than required: not a complete case or exemplar, so it does not count. Add to the text (Word's or WPS's Review → Word Count shows the count), or send a video.
explain-entry-parts = One document is divided by its headings into parts ("一、百姓学习之星张秀英", "二、…"); each part with enough text counts as an entry of its own. Make sure each part is one exemplar or case.
explain-content-duplicate = This material is the same as other material that counted (the same bytes, or the same or nearly the same text, in whatever format and under whatever title); it counts once. Replace it with other material or delete the copy.
explain-link-not-material = This is a shortcut, a link or a special file, not the material itself; it was not read and does not count. Right-click it → Open file location, and copy the file itself in.
explain-folder-unreadable = This folder cannot be opened (the computer refuses access, or its name has odd characters), so the material in it was not checked. Copy the whole submission to the desktop, give the folder a simple name if needed, and check again.
explain-roster-rows-skipped = Total rows, sign-offs (填报人, 审核人), notes, and rows whose name cell is not a person's name were not counted as attendees. Make sure every attendee is in the name column.
explain-roster-placeholder = The roster holds places not yet filled (待定, 空缺, 某某, ××); they were not counted. Enter the attendees' names.
explain-roster-phone-invalid = A phone number in the roster is malformed: a mobile number has 11 digits starting with 1, a landline needs its area code (e.g. 024-86896319). Ask the person and correct it.
explain-roster-duplicate-name = A name appears more than once in the roster; it may be entered twice. If so, delete one row; two different people of the same name can stay.
explain-roster-number-mangled = An ID or phone number was stored by Excel as a number: past 15 digits the last ones turn into 0, and leading zeros are lost. Select the column, right-click → Format Cells → Text, and enter the numbers again.
explain-roster-category-missing = The roster's category column lacks a kind of attendee the notice names (leaders, staff, 百姓学习之星, brand-project representatives). Add such attendees, or write each person's category in that column.
explain-mail-too-large = The material is larger than an ordinary mail attachment may be, so it must go as a 超大附件 (large-attachment link). Such links expire after some days; ask the recipient to download it in time.
explain-file-too-large-for-mail = This file alone exceeds the mail attachment limit: it can only go as a 超大附件 link (which expires), or the video must be made smaller.
explain-folder-too-deep = Folders are nested too deep; what lies deepest was not checked. Move the material a few levels up.
explain-file-over-read-limit = The file is larger than baosong reads ({ $read-mb } MB; right-click → Properties shows a file's size), so its content was not read and it counts toward no requirement. Split it or save it smaller (compress a document's pictures, export a video smaller).
explain-internal-error = baosong hit an error of its own while checking this submission, which was not fully checked and does not pass; the other submissions are unaffected. Send the material and this message to the provincial Community Education Guidance Center (the contact is in the notice).
explain-file-empty = The file is 0 bytes long and holds nothing (a failed copy or download). Copy the file again.
explain-file-shortcut = This is a shortcut, not the file itself, and the recipient cannot open it. Right-click it → Open file location, copy the real file in and delete the shortcut.
explain-file-debris = This is a temporary or system file made by Windows, a Mac, Word or WPS (~$ files, Thumbs.db, a __MACOSX folder), not material. Delete it before sending (close the document first for a ~$ file).
explain-file-default-name = The name is a default one such as "新建文件夹" or "新建 DOCX 文档" and says nothing of the content. Right-click → Rename and say what it holds (e.g. "工作方案").
city-by-place = { $city } ({ $place })
city-by-votes = { $city } (by { $votes } names inside)
path-single = { $shown }: checked as one submission
path-inbox = { $shown }: checked as an inbox; each of its { $n } folders and archives is one submission (if it is really one city's submission, zip it and check the .zip)
path-batch = { $shown }: batch check of { $n } submissions
count-not-a-document = not a document
count-unreadable = cannot be read: { $e }
text-binary = the file holds no text but binary data such as an image or video (another file renamed to a text extension?); put in the real text
text-encoding-unknown = the text's encoding cannot be recognised ({ $replaced } characters are garbled); open it in Notepad, Save As with Encoding UTF-8, or send a Word document
photo-unreadable = the image size cannot be read ({ $e }); the file may be damaged or not an image; copy the original photo again
photo-size-zero = the image has zero size and is damaged; copy the original photo again
photo-end-unreadable = reading the end of the photo failed ({ $e }), so it cannot be confirmed complete; copy the original file again
file-over-read-limit = the file is over the { $mb } MB read limit, so its content was not read and it does not count; split it or save it smaller
zip-member-damaged = this file is damaged inside the archive ({ $e }): once extracted it will not open or is wrong; zip the material again
file-cannot-open = cannot open the file: { $e }
parser-failed = the file's inner structure is abnormal and it cannot be read; open it in the program that made it, save it again and send that
format-not-supported-yet = {"."}{ $ext } files cannot be read, so the content was not verified; save it as { $target } to have it checked
sheet-password = the spreadsheet is password-protected; remove the password in Excel or WPS and save it again
roster-unreadable = the worksheet "{ $name }" is damaged and cannot be read; open the workbook in Excel or WPS and save it again
roster-record-count-wrong = the workbook's inner records do not add up ({ $declared } declared, room for { $room }): the file is damaged or altered; open it in Excel or WPS and save it again
roster-unreadable-why = cannot be read: { $why }
format-jpeg = a JPEG photo
format-png = a PNG image
format-gif = a GIF image
format-bmp = a BMP image
format-webp = a WebP image
format-avi = an AVI video
format-heic = a HEIC photo
format-mp4 = an MP4/MOV video
format-zip = a zip archive or an Office document (.zip/.docx/.xlsx)
format-pdf = a PDF document
format-ole = an old-style Office document (.doc/.xls/.wps/.et)
format-rar = a RAR archive
format-7z = a 7z archive
format-wmv = a WMV video
format-flv = an FLV video
format-mkv = an MKV video
format-rtf = an RTF document
content-is-other-format = the name says .{ $ext } but the content is { $real }, not { $expected }; put in the real { $expected }, or give the file its right extension
content-wrong-header = the content is not { $expected }; it may be damaged or renamed; save or copy it again
video-broken = reading the video failed ({ $e }); copy or export the complete video again
video-cache-file = this is a video-site cache file (.{ $ext }) that plays on no other computer; send the original video (e.g. .mp4)
video-unverified = baosong cannot verify that a .{ $ext } video is complete and plays, so it does not count; convert it to .mp4
video-cut-at = the video is cut off at byte { $offset } (incomplete file); copy or export the complete video again
video-invalid-data = invalid data at byte { $offset }: the file is damaged or not an MP4/MOV video; export the video again
video-box-size-invalid = the video's inner part "{ $name }" has an invalid size; the file is damaged; export or copy the video again
video-box-cut = the video's inner part "{ $name }" should hold { $size } bytes but the file ends before that: the video is incomplete (interrupted transfer?); copy the complete video again
video-too-many-boxes = the video is made of more than { $limit } parts at one level (a real one has a handful, a few thousand when recorded in fragments), so the file is damaged and does not count; export the video again
video-no-moov = the video lacks its index, usually an unfinished export or transfer, and will not play; export or copy the complete video again
video-no-mdat = the video holds no picture data and will not play; export the video again
video-no-picture-track = the file has no playable picture (sound only, or a picture of zero length); export the video again
video-samples-missing = the picture data the video lists is not in the file (an empty shell, or damaged); export the video again
video-avi-short = the AVI video should be { $riff-len } bytes but is only { $len }: it is incomplete (interrupted transfer?); copy the complete video again
video-flv-cut = the FLV video's last part is incomplete: the video is cut off (interrupted transfer?); copy the complete video again
video-no-picture-data = the video file holds no picture data (a header only, or zero length) and will not play; export the video again
video-short = the video should be { $declared } bytes but is only { $len }: it is incomplete (interrupted transfer?); copy the complete video again
document-password = the document is password-protected; remove the password and save it again
format-word95 = this is the old Word 6.0/95 format, so its content was not verified; save it as .docx in Word or WPS
document-images-only = the document holds { $pictures } { $pictures ->
        [one] picture
       *[other] pictures
    } and no text (a scan?), so it was not verified; send the text version
part-damaged = the part "{ $name }" inside the file is damaged ({ $e }); save it again in the program that made it
file-over-read-limit-inner = the part "{ $name }" inside the file expands to { $mb } MB, over the { $limit-mb } MB read limit, so it was not read and does not count; split the document or save it smaller
part-damaged-download = the part "{ $name }" inside the file is damaged ({ $e }), perhaps an incomplete download or copy; save it again in the program that made it
document-empty = the PDF has { $n } { $n ->
        [one] page
       *[other] pages
    } with neither text nor pictures on them (blank pages); replace it with the finished document
document-scanned = the PDF has { $n } { $n ->
        [one] page
       *[other] pages
    }, all scans or pictures with no selectable text, so its words cannot be counted; send the Word version
pdf-password = the PDF is password-protected; export it again without a password, or send the Word version
archive-encrypted = "{ $file-name }" in the archive is password-protected and cannot be read; zip it again without a password
archive-compression-unsupported = "{ $file-name }" in the archive uses an uncommon compression method; zip the folder again (right-click → Send to → Compressed (zipped) folder)
archive-bomb = "{ $file-name }" in the archive claims to expand to { $size } bytes, abnormally large (limit { $limit }); it may be damaged or malicious and was not read; extract and check the archive, then zip it again
archive-member-ratio = "{ $file-name }" in the archive is compressed abnormally ({ $compressed } bytes expand to { $size }); it may be malicious and was not read; extract and check the archive, then zip it again
internal-error = baosong failed while reading the archive "{ $archive-name }", so its material was not fully checked and does not pass; extract and zip it again, and if that fails send the archive and this message to the provincial Community Education Guidance Center (contact in the notice)
archive-corrupt = the archive "{ $archive-name }" is damaged or incomplete and cannot be opened ({ $e }); zip it again or download it again
archive-same-names = the archive "{ $archive-name }" holds several entries of the same name; extracting it keeps only one of each; only one was checked; zip the material again
archive-too-many-files = the archive "{ $archive-name }" holds more than { $limit } entries; the rest were not checked; remove unrelated files and zip it again, or split it into several archives
archive-member-unreadable = "{ $name }" in the archive is damaged and cannot be read ({ $e }); zip it again
archive-unsafe-path = "{ $name }" in the archive has an abnormal path and was not read, for safety; extract the material and zip it again (right-click the folder → Send to → Compressed (zipped) folder)
archive-too-large-unpacked = the archive "{ $archive-name }" expands to more than { $limit } bytes; the { $left } entries from "{ $file-name }" on were not checked; remove unrelated large files and zip it again, or split it into several archives
archive-member-data-damaged = "{ $file-name }" in the archive is damaged and cannot be read; zip it again
archive-same-name-twice = the archive holds two entries named "{ $file-name }"; extracting it keeps only one; only the first was checked; zip the material again
archive-unsupported = "{ $file-name }" as received cannot be opened (a RAR/7z archive); send it again as a .zip (right-click the folder → Send to → Compressed (zipped) folder)
folder-unreadable = "{ $name }" cannot be read ({ $e }) and was not checked; copy the submission to the desktop and check it again
folder-too-deep = folders are nested more than { $limit } deep; what is inside "{ $name }" was not checked; move the material a few levels up
link-not-material = "{ $name }" is a shortcut, a link or a special file, not the material itself; it was not read and does not count; put the file itself in the folder
folder-unreadable-why = the folder "{ $name }" cannot be opened ({ $e }), so the material in it was not checked and does not count; copy the submission to the desktop, give the folder a simple name if needed, and check it again
file-debris = "{ $name }" is a temporary or system file; remove it before sending
file-default-name = the folder name "{ $name }" is a default name; rename it to say what it holds
archive-rar-7z = "{ $name }" is a RAR/7z archive and cannot be checked as it is; right-click it, extract it, and check the folder
file-shortcut = "{ $name }" is a shortcut, not the file itself; put the real file in its place
file-empty = "{ $name }" is empty (0 bytes); copy it again
file-default-name-named = "{ $name }" is a default file name; rename it to say what it contains
section-ambiguous = the name matches both "{ $used }" and "{ $also }"; it was checked as "{ $used }". Rename it to name one requirement only
content-duplicate = the text of board "{ $name }" already counted in "{ $first }" (one text counts once), so this board does not count; write each board's own text
boards-too-few-pasted = only { $count } { $count ->
        [one] board
       *[other] boards
    } found, at least { $min } needed ({ $short } more); the documents in the boards folder hold { $pasted } pasted photos, which are compressed copies, not originals: put each board's text and original photo files together (a folder "展板1", or names starting with "展板一"), the photos named with their captions
boards-too-few-layout = only { $count } { $count ->
        [one] board
       *[other] boards
    } found, at least { $min } needed ({ $short } more); keep each board's text and photos together: in a sub-folder (e.g. "展板1"), or with names starting with "展板一", "展板二"
boards-count = { $count } { $count ->
        [one] board
       *[other] boards
    }
boards-by-label = grouped by the labels "{ $labels }" in the file names
board-summary-uncounted = { $name } text cannot be counted
board-summary-short = { $name } text { $words } { $words ->
        [one] character
       *[other] characters
    }, under { $min-text }
board-summary-words = { $name } { $words } { $words ->
        [one] character
       *[other] characters
    }
board-summary-photos = { $text }, { $photos } { $photos ->
        [one] photo
       *[other] photos
    }
summary-at-least = at least { $min } needed
boards-loose-file = "{ $name }" sits directly in the boards folder and belongs to no board; make a folder per board and put its text and photos in it, or start the file names with "展板一", "展板二"
board-empty = the board folder "{ $name }" is empty; put the board's text and photos in it, or delete it
photo-heic = "{ $name }" is an iPhone HEIC photo, which many Windows PCs cannot open; convert it to JPG before sending (iPhone: Settings → Photos → Transfer to Mac or PC → Automatic, then copy by cable)
empty = {""}
board-text-uncounted = ; "{ $names }" is a picture, a scan or a format that cannot be read: its words cannot be counted or typeset, so it was not counted; send the text as an editable document (Word, WPS, PowerPoint or .txt)
board-text-missing = "{ $board-name }" has no text that can be counted{ $more }; add the board's text (Word, WPS, PowerPoint or .txt)
board-text-too-short = "{ $board-name }" has { $words } { $words ->
        [one] character
       *[other] characters
    } of text ({ $method }), fewer than { $min }{ $more }; add text
board-photos-pasted-only = "{ $board-name }" has its photos only pasted into the document ({ $pasted-pictures }): those are compressed copies, not originals; add the original photo files, named with captions of at most { $max } characters
board-photos-too-few = "{ $board-name }" needs at least { $min } { $min ->
        [one] photo
       *[other] photos
    }; add original photos named with their captions
photo-caption-device-name = "{ $name }" is a name made by a phone, camera, WeChat, a browser or an editor, not a caption; right-click → Rename and give it a caption of at most { $max } characters, e.g. "社区读书会.jpg"
photo-caption-empty = "{ $name }" has no caption once its number is removed; name it with a caption, e.g. "01-社区读书会.jpg"
photo-caption-too-long = the caption "{ $text }" is { $length } characters, more than { $max }; shorten the file name
photo-caption-copy-mark = "{ $name }" carries a copy mark (such as "- 副本" or "(1)") and is identical to another photo; remove the extra copy and rename it
document-summary = { $name } ({ $words } { $words ->
        [one] character
       *[other] characters
    })
document-empty-named = "{ $name }" has no text; replace it with the finished document
document-scan-label = { $name } (scan)
document-missing = "{ $folder }" was found, but it holds no file; put the document (.docx) in it
document-too-few = at least { $min } needed, only { $count } count (each file's finding says why the others do not); put in the complete material (a Word document, .docx)
document-none = no document that counts
entry-parts-short = ; "{ $titles }" has fewer than { $min } words and was not counted on its own
entry-parts = "{ $name }" is divided by its headings into { $n } parts, one entry each: "{ $titles }"{ $more }
duration-seconds = { $secs } s
duration-minutes = { $minutes } min { $secs } s
entry-text-too-short = "{ $name }" has { $words } { $words ->
        [one] character
       *[other] characters
    } of text, fewer than { $min }, so it was not counted; add text
content-nearly-same = "{ $name }" has the same or nearly the same content as "{ $first }" ({ $percent }% similar), which alone was counted; put in different material, or remove the copy
summary-photos = , { $photos } { $photos ->
        [one] photo
       *[other] photos
    }
entry-summary-parts = { $name } { $words } { $words ->
        [one] character
       *[other] characters
    } in { $parts } headed parts{ $photos }
entry-summary-text = { $name } { $words } { $words ->
        [one] character
       *[other] characters
    }{ $photos }
duration-unknown = length unknown
entry-summary-video = { $name } video { $length }{ $photos }
entry-folder-empty = the folder is empty
entry-photos-only = it holds photos only, no text or video
entry-no-text = the document has no text
entry-text-unverified = its text is a picture or a scan, or in a format that cannot be read, so it was not verified
entry-not-readable = it is not a readable text document or video
entry-not-counted = "{ $name }" was not counted: { $why }; add its text as an editable document (.docx) or a video that plays
entries-too-few = "{ $folder }" was found, but it holds no file; put the material in it (at least { $min } documents or videos)
entries-too-few-short = only { $count } { $count ->
        [one] entry
       *[other] entries
    } count, at least { $min } are needed ({ $short } more)
entry-durations = {" "}({ $durations })
entries-summary = { $count } { $count ->
        [one] entry
       *[other] entries
    } ({ $texts } text, { $videos } video{ $lengths })
entries-summary-at-least = at least { $min } needed
photo-shared-by-boards = the same photo sits in different folders (boards): { $list }; give each board its own photos
files-identical = these files are identical: { $list }; remove the copies
mail-too-large = the material totals { $total-mb } MB, over the { $limit-mb } MB attachment limit: it must go as a 超大附件 link, which expires after some days; ask the recipient to download it in time
file-too-large-for-mail = "{ $name }" is { $size-mb } MB, over the { $limit-mb } MB attachment limit by itself: send it as a 超大附件 link (which expires) or make it smaller
text-similar = the text of "{ $this }" is nearly the same as "{ $other }" ({ $percent }% alike); give each board its own text
text-copied = { $percent }% of the text of "{ $this }" is copied from "{ $source }"; write the board's own text
text-placeholder = "{ $name }" holds { $n } { $n ->
        [one] template placeholder
       *[other] template placeholders
    } such as "{ $examples }"; fill them in
photo-decode-error = "{ $name }" has damaged picture data ({ $e }): part of it will not show; copy the original again
photo-near-duplicate = "{ $this }" and "{ $other }" show almost the same picture, probably one photo in two versions (a WeChat copy, say); keep only the original
file-finding = "{ $name }": { $why }
findings-capped = { $n } more findings of this kind ({ $code }) are not listed one by one
internal-error-requirement = baosong failed while checking this submission, so this requirement was not checked and does not pass; send the material and this message to the provincial Community Education Guidance Center (contact in the notice)
not-checked = not checked
section-missing = "{ $name }" was found, but it is an empty file (0 bytes); replace it with the saved "{ $title }"
summary-file-empty = the file is empty
section-missing-named = "{ $title }" not found: add a folder or file whose name contains "{ $keywords }"
section-missing-short = not found
summary-cannot-open = cannot be opened
photo-incomplete = "{ $name }" is incomplete (an interrupted transfer?): its end is missing; copy the original again
photo-too-small = "{ $name }" is only { $w }×{ $h } pixels, its long edge under { $min }: not an original; send the original (tick "原图" in WeChat)
photo-resized = "{ $name }" was scaled down (originally { $ow }×{ $oh }, now { $w }×{ $h }), not the original; take the original from the phone's album, by cable or by WeChat with "原图" ticked
photo-edited = "{ $name }" went through an editor ({ $software }); only a note: make sure the photo shows what really happened
photo-screenshot = "{ $name }" ({ $w }×{ $h }) looks like a screenshot, not a photo as taken; boards need original photos from a phone or camera
photo-no-camera-exif = "{ $name }" has no camera data (missing: { $tags }), so it may not be an original; take the original from the phone's album, by cable or by WeChat with "原图" ticked
photo-clock-unset = "{ $name }" gives "{ $raw }" as its date taken: the camera's clock was not set, so whether it was taken during the week cannot be told; if it is not from the week, use a photo that is
photo-date-future = "{ $name }" was taken on { $day }, after the check date { $as-of }: the camera's clock may be wrong; if it is not from the week, use a photo that is
photo-outside-period = "{ $name }" was taken on { $day }, outside the activity period ({ $first } to { $last }); if it is not from the week, use a photo that is
roster-too-few = "{ $name }" lists { $people } { $people ->
        [one] person
       *[other] people
    }, at least { $min } are needed ({ $short } more); add attendees with their { $column }
roster-summary-short = { $name }: { $people } { $people ->
        [one] person
       *[other] people
    }, fewer than { $min }
roster-summary = { $name }: { $people } { $people ->
        [one] person
       *[other] people
    }
roster-no-name-column = "{ $name }" has no "{ $words }" header in its first { $rows } rows; add "{ $column }" to the header
roster-missing = no readable roster was found; add an Excel workbook (.xlsx, .xls), a .csv file or a Word document with a table
roster-missing-summary = no roster spreadsheet
roster-name-column-missing = the roster has no "{ $column }" column
roster-placeholder = the roster still holds places not filled: { $list }; they were not counted; enter the attendees' names
roster-title-only = the roster names some people by surname and job title only: { $list }; these are not names and were not counted; write each attendee's real name (the title can go in a column of its own)
roster-rows-skipped = { $n } { $n ->
        [one] row is not an attendee and was
       *[other] rows are not attendees and were
    } not counted: { $list }
roster-phone-invalid = row { $n } ({ $person }): "{ $title }" is "{ $shown }", not a valid mobile number or landline with area code; ask and correct it
roster-duplicate-name = "{ $person }" appears { $count } times (rows { $lines }) and counts once; if it was entered twice, delete the extra rows
roster-number-mangled = { $count } { $count ->
        [one] number
       *[other] numbers
    } in the "{ $title }" column are stored as numbers by Excel (past 15 digits the last ones become 0, leading zeros are lost); select the column, right-click → Format Cells → Text, and enter them again
roster-category-missing = the "{ $title }" column lists no attendee of: { $missing }; the notice asks for leaders, staff, 百姓学习之星 and brand-project representatives; add them, or write each person's category in that column
severity-error = error
severity-warning = warning
severity-info = info
severity-pending = not yet due
sep-clauses = {"; "}
sep-list = {", "}
sep-quoted = {"\", \""}
sep-alternatives = {"\" or \""}
count-method-word = Word's word count
count-method-chars-no-spaces = characters without spaces
count-method-han = Han characters
kind-video = a video
kind-document = a .{ $ext } document
kind-text = a text file
kind-csv = a CSV table
table-rules-as-of = Rules: { $rules }  As of: { $as-of }
column-requirement = Requirement
column-due = Due
column-status = Status
column-summary = Summary
table-findings = Findings:
matrix-missing = missing
column-submitter = Submitter
column-result = Result
matrix-times-sent = {" "}({ $n } sent)
sep-columns = ,{" "}
matrix-columns = Columns: { $columns }
totals = { $total } cities: { $pass } pass, { $fail } fail, { $missing } not submitted
totals-unmatched = ; { $unknown } { $unknown ->
        [one] submission (marked *) matches
       *[other] submissions (marked *) match
    } no city
matched-heading = How submissions were matched to a city (by a place, the sender or the names inside):
saved-twice = { $copy } is identical to { $kept } (saved twice), checked once
saved-twice-heading = Saved twice:
sent-twice-heading = Sent more than once (oldest first; each requirement is judged on the newest submission holding it):
sent-latest = { $path }（{ $modified }, latest）
sent-older = { $path }（{ $modified }）
status-pass = pass
status-fail = fail
status-warn = warning
status-pending = not yet due
status-unopened = cannot be opened
pending-until = not yet due (deadline { $due }): { $message }
pending-undated = not yet due (deadline to be announced): { $message }
fix-by = { $message }; please put it right by { $due }
state-latest = latest
state-superseded = superseded
state-missing = not submitted
state-nothing = nothing received
column-city = City
column-submission = Submission
column-state = State
column-severity = Severity
column-code = Code
column-file = File
column-message = Message
column-received = Received
sheet-overview = Overview
sheet-findings = Findings
sheet-checked = Rules: { $rules }    Checked as of: { $as-of }
ordinals = {""}
letter-section = { $n }. { $title }
letter-file-name = { $safe }-reply.txt
letter-center = Community Education Guidance Center of { $city }
letter-salutation = Dear { $addressee },
letter-greeting = {""}
letter-received = We have received your material ({ $names }) and checked it on { $as-of } against "{ $rules }".{" "}
letter-other-problems = Other problems
letter-complete = Your material is complete and meets the requirements. Thank you!
letter-problems = We found the problems below; please correct them and send the material again:
letter-only-pending = We found no problem in what was sent. The following are not due yet; please send them on time:
letter-pending = The following are not due yet; please send them on time:
letter-reminders = Please also check these points (they do not fail the check):
letter-pending-item = { $heading } (due { $due })
reminder-opening = As of { $as-of } we have not received your Lifelong Learning Week material. Please send the following on time:
reminder-opening-late = As of { $as-of } we have not received your Lifelong Learning Week material, and some of it is past its deadline; please send it as soon as possible:
date-format = %Y-%m-%d
reminder-item-late = { $heading } (past its deadline, { $due }: please send it as soon as possible)
reminder-item = { $heading } (by { $due })
reminder-item-undated = { $heading } (deadline to be announced)
letter-item = { $n }. { $message }
letter-closing = Please contact us with any questions. Thank you.
doc-no-word-stream = this file is not a Word or WPS document (a spreadsheet or other file renamed, perhaps); open it in the program that made it and save it as .docx
doc-damaged = the document is damaged and cannot be read ({ $e }); open it in Word or WPS and save it as .docx
docx-no-body = the file has no body text; it may be damaged; open it in Word or WPS and save it as .docx
docx-xml-malformed = the document's inner format is broken; it may be damaged ({ $e }); open it in Word or WPS and save it as .docx
rtf-unbalanced = the RTF document's inner structure is incomplete; it may be damaged; open it in Word or WPS and save it as .docx
zip-structure-damaged = not a valid document (damaged inside, perhaps an incomplete download); download or copy it again
odt-no-content = the file has no body text; it may be damaged; open it in WPS or Word and save it as .docx
odt-xml-malformed = the document's inner format is broken; it may be damaged ({ $e }); open it in WPS or Word and save it as .docx
pdf-time-limit = reading the PDF took longer than { $seconds } seconds and was stopped; send it as a Word document or export the PDF again
pdf-damaged = the PDF is damaged or incomplete ({ $e }); export it again, or send the Word version
pdf-pages-damaged = text cannot be extracted from { $n } of its { $total } pages (the first is page { $first }); the PDF may be damaged; export it again, or send the Word version
pdf-no-pages = the PDF has no pages; export it again, or send the Word version
checklist-document = at least { $min } { $min ->
        [one] document
       *[other] documents
    } of at least { $text } characters (字) each, this year's own material (not the notice, a cover letter, last year's or a copy of other material)
checklist-boards = at least { $boards } boards, one folder each; each with at least { $text } characters (字) of text ({ $method }) and { $photos } { $photos ->
        [one] photo
       *[other] photos
    }; photos named with a caption of at most { $caption } characters, long edge at least { $edge } px, with camera data (date taken, camera model)
checklist-entries = at least { $min } entries (text or video), each text of at least { $text } characters (字), one text counted once
checklist-roster = a roster spreadsheet listing at least { $min } people in a "{ $column }" column
count-column-format = Format
count-column-words = Words (Word)
count-column-chars = Characters (no spaces)
count-column-han = Han
checklist-due = due { $due }
checklist-no-deadline = no deadline
checklist-found-by = found by names containing: { $keywords }
written = wrote { $path }
press-enter = Press Enter to close this window
roster-row = row { $n } "{ $text }"
roster-row-why = row { $n } "{ $text }" ({ $why })
not-a-person-total = a total
not-a-person-sign-off = a sign-off
not-a-person-note = a note
not-a-person-name = not a name
roster-cell-empty = (empty)
refusal-cannot-read = cannot read { $path }
refusal-cannot-list = cannot list { $path }
refusal-cannot-create = cannot create { $path }
refusal-cannot-write = cannot write { $path }
refusal-not-folder-or-zip = { $path } is neither a folder nor a .zip archive
refusal-not-a-folder = { $path } is not a folder
thumbnail-unreadable = no preview ({ $e })
thumbnail-format = no preview for this format (only JPEG photos are previewed)
html-title = Lifelong Learning Week check: { $rules }
html-verdict-pass = Passed
html-verdict-fail = Failed: { $n } { $n ->
        [one] requirement
       *[other] requirements
    } not met
html-missing-cities = Nothing received from: { $list }
html-words = { $words } { $words ->
        [one] character
       *[other] characters
    }
html-seconds = { $seconds } s
usage-drop = Usage: drop a submission folder (or .zip) onto baosong.exe; the result opens in the browser. See baosong --help for the command line.
thumbnail-failed = no preview: the photo's picture data is damaged
document-is-notice = "{ $name }" is the provincial notice itself ({ $percent }% of its text is the notice's), not this city's material; not counted; replace it with the city's own { $title }
document-cover-letter = "{ $name }" is a cover letter, not the { $title } itself; not counted{ $more }; send the { $title } itself too
document-cover-letter-beside = "{ $name }" is a cover letter, not the { $title } itself, and does not count{ $more }
cover-letter-attachment-found = "{ $attachment }" is "{ $path }"
cover-letter-attachments = { " " }(the attachments it names: { $list })
cover-letter-attachment-missing = "{ $attachment }" was not found
document-other-year = "{ $name }" is material of { $year }, not of { $expected }; not counted; replace it with this year's { $title }
document-other-kind = "{ $name }" is titled "{ $heading }": it is the { $other }, not the { $title }; not counted; put in the { $title } itself
document-stub-link = "{ $name }" holds only a download link (cloud drive or large attachment), not the material; not counted; links expire, so put the { $title } files themselves in
document-stub-placeholder = "{ $name }" is only a placeholder ({ $words } { $words ->
        [one] character
       *[other] characters
    }, such as "to follow" or "being prepared"), not the material; not counted; put in the finished { $title }
document-stub-form = "{ $name }" is a blank form (only { $words } { $words ->
        [one] character
       *[other] characters
    }, nearly all field labels); not counted; fill the form in
text-counted-once = "{ $name }" is the same text as "{ $first }" ({ $percent }% similar); counted once, as "{ $first }"; replace it with other material or delete the copy
text-versions = "{ $name }" and "{ $first }" are two versions of one text; counted once (as "{ $first }"), their words not added up
text-reused = the text of "{ $name }" is that of "{ $first }" in { $other } ({ $percent }% similar); one text cannot count for two requirements, so it does not count for { $title }; put in the { $title }'s own material
document-too-short = "{ $name }" has only { $words } { $words ->
        [one] character
       *[other] characters
    }, not a complete { $title } (at least { $min-text }); not counted; put in the complete material
video-shared = the video "{ $video }" also serves as material of { $other }; a brand project's video may serve both, and it counts
entry-text-photo-note = "{ $name }" holds only { $photos } { $photos ->
        [one] photo
       *[other] photos
    } and a note of { $words } { $words ->
        [one] character
       *[other] characters
    }, not a complete text (at least { $min }); not counted; add the written account (.docx) or a video
entry-card-not-counted = not counted (see the findings)
explain-document-too-short = The document is too short to be the complete material, so it does not count. Put in the complete material (Word's or WPS's Review → Word Count shows the count).
explain-document-stub = The document is not the material: only a cloud-drive or large-attachment link, only a placeholder ("to follow", "being prepared"), or a blank form. It does not count. Put in the material itself (download the files behind a link and put them in).
explain-document-is-notice = The document is the provincial notice (or part of it), not the city's material; it does not count. Replace it with the city's own material.
explain-document-cover-letter = The document is a cover letter ("we hereby submit..."), not the material it sends; it does not count. Send the attachments it mentions too.
explain-document-other-year = The document's title or text names another year (such as 2019): it is not this year's material and does not count. Replace it with this year's.
explain-document-other-kind = The document's title shows it is another requirement's material (a document titled '...工作方案' filed as the summary); it does not count. Put in this requirement's own material.
explain-text-reused = This text already counts as the material of another requirement (the plan sent again as the summary, say); one text counts once. Put in each requirement's own material.
explain-video-shared = One video serves as both a featured case and an exemplar (the same brand project). That is allowed and counts for both; this is only a note.
explain-text-versions = One text saved in two formats (.docx and .pdf, or .doc and .txt) counts once, its words not added up. This is only a note.
explain-section-read-as = The name does not say which requirement it is; baosong placed it by a synonym in its name, by the document's title or by what the folder holds. This is only a note; if it was read wrongly, rename it to say which requirement it is (e.g. "工作总结").
explain-section-unmatched = Neither the name, the title nor the contents of this file or folder match any requirement, so it was not checked. If it is material, say in its name which requirement it is (for example "工作方案", "展板一"), or put it in that requirement's folder.
explain-roster-is-picture = The roster is a picture (a photo or a scan): baosong cannot read the names on it or count them, and the province cannot compile it. Send the roster as an Excel or Word table (.xlsx or .docx).
explain-roster-names-in-one-cell = One cell of the roster holds several names (such as "王丽、张强、李明"); each name counts as one person. This is only a note: check the names counted; one person per row is best.
section-split = "{ $folder }" holds material of "{ $titles }"; each file in it was checked by its own name or title
section-folder-contents = "{ $folder }" matches no requirement by its name; the files in it were checked by their own names
section-by-title = the name "{ $name }" does not say which requirement it is; its title is "{ $title }", so it was checked as "{ $requirement }"
section-by-labels = "{ $folder }" holds "{ $labels }", so it was checked as "{ $requirement }"
section-by-synonym = "{ $word }" in the name "{ $name }" was read as "{ $requirement }"
section-unmatched = "{ $name }" matches no requirement and was not checked; if it is material, say in its name which requirement it is (such as "工作方案", "展板一"), or put it in that requirement's folder
entries-summary-groupings = { $folders } only group entries; what they hold counts one by one
boards-by-type = text and photos are kept apart in { $folders } and were put together by the board numbers in their names
format-mpeg-ps = an MPEG video (.mpg/.vob)
format-mpeg-ts = an MPEG transport stream video (.ts/.mts/.m2ts)
video-mpeg-no-picture = this MPEG video holds no playable picture (sound only, or only a beginning without timed pictures); export the complete file from the camera or disc again, or convert it to .mp4
video-mpeg-cut = the MPEG video's last packet is incomplete: the file was cut off while copying or sending; export the complete file from the camera or disc again, or convert it to .mp4
video-mpeg-damaged = the data at the end of the MPEG video is not video (the file was not written completely, or is damaged); export the complete file from the camera or disc again, or convert it to .mp4
video-ts-no-sync = the end of the MPEG-TS video is incomplete or damaged (the file was not written completely); export the complete file from the camera again, or convert it to .mp4
roster-is-picture = "{ $name }" is a picture (a photo or a scan): the names on it cannot be read or counted; send the roster as an Excel or Word table (.xlsx or .docx)
roster-is-picture-summary = the roster is a picture; nobody could be counted
roster-names-in-one-cell = row { $n } holds { $count } names in one cell, counted as { $count } people: { $names }
pptx-xml-malformed = a slide's inner format is broken ({ $e }); the file may be damaged; open it in PowerPoint or WPS and save it again
ppt-damaged = the records inside the .ppt slides file are damaged or incomplete, perhaps from an incomplete download; open it in PowerPoint or WPS and save it as .pptx
ppt-ole-damaged = the .ppt slides file is damaged and cannot be read ({ $e }); open it in PowerPoint or WPS and save it as .pptx
mht-no-page = this single-file web page (.mht) holds no page text; it may be damaged; open it in a browser or Word and save it as a Word document (.docx)
mht-too-deep = the single-file web page (.mht) nests more than { $limit } levels deep (a real page nests two), so it is not a real page; it was not read and does not count. Open it in a browser or Word and save it as a Word document (.docx)
mht-page-broken = the page text inside the single-file web page (.mht) is damaged (its { $encoding } encoding cannot be decoded), perhaps from an incomplete download; save or send the whole file again
roster-summary-typed = the list is typed line by line in Word; each line's first name was counted
section-by-titles-inside = the name "{ $folder }" does not say which requirement it is; the titles of the files in it are all "{ $requirement }", so it was checked as "{ $requirement }"
document-other-city = "{ $name }" is titled "{ $heading }": it is { $other }'s material, not { $own }'s; not counted; put in this city's own { $title }
explain-document-other-city = The document's title (or red head) names another city (a '锦州市...工作方案' in 朝阳市's folder); it is not this city's material and does not count. Put in the city's own material.
entry-joined = "{ $names }" are one account (a text and a video of the same name, one video in two formats, or one account in parts) and count as one
explain-entry-joined = Several files are one account: a text and a video of the same name (王丽.docx and 王丽.mp4), one video in two formats, or one account in parts (…（一）, …（二）). They count as one entry; this is information only.
explain-closest = There is no code "{ $query }"; the closest are:
explain-no-match = There is no code "{ $query }" and none close to it; copy a code exactly as the report's Code column shows it
section-unmatched-unreadable = "{ $name }" cannot be read ({ $why }), so which requirement it is cannot be told and it was not checked; if it is material, save it again and put it in that requirement's folder
subject-photo = this photo
subject-file = this file
subject-folder = this folder
sep-sentences = {"; "}
subject-files = these files
letter-received-notice = We have received your material ({ $names }) and checked it on { $as-of } against { $notice }.{" "}
letter-closing-contact = If you have any questions, please contact { $contact }. Thank you!
letter-also-check = please also check: { $text }
letter-file = "{ $path }": { $text }
letter-decided-by = {" "}(as sent in "{ $name }")
column-received-date = Received on
column-contact = Contact
column-notes = Notes
state-gone = no longer found
tracker-row-gone = not in this check
tracker-new-name = { $name } (new)
tracker-new-name-n = { $name } (new { $n })
tracker-not-ours = it has no “{ $column }” column, so it is not a tracker baosong wrote
tracker-unreadable = { $old-path } cannot be read as a tracker ({ $why }) and was left as it is; this run's tracker is in { $new-path }
tracker-not-replaced = { $old-path } cannot be replaced ({ $why }); it may be open in Excel or WPS. It was left as it is; this run's tracker is in { $new-path }. Close it and run again to update it: the notes in it are kept.
subject-name = it
subject-names = these names
letter-group = { $head }: { $text }
findings-count = { $errors } { $errors ->
    [one] problem
   *[other] problems
} to fix, { $warnings } { $warnings ->
    [one] reminder
   *[other] reminders
}
findings-count-none = Nothing to fix
html-problems = Problems to fix, by file
html-reminders = Reminders (do not fail; please check)
html-files-in-folder = { $n } { $n ->
    [one] file
   *[other] files
} in "{ $folder }"
html-whole-submission = The whole submission
html-decided-by = Judged on
html-received = Received
html-decides = decides: { $list }
html-decides-nothing = superseded by a later submission
html-superseded = Superseded problems ({ $n }, from an earlier submission, for reference)
html-explained = What the problems mean
html-code-link = code
html-notes = Notes ({ $n }, not problems)
label-section-missing = Requirement missing
label-section-ambiguous = Name fits two requirements
label-section-read-as = Placed by content
label-section-unmatched = Matches no requirement
label-document-missing = No document
label-document-empty = Document has no text
label-document-images-only = Only pictures, no text
label-document-scanned = Scanned, no text
label-document-unreadable = Document cannot be opened
label-document-encrypted = Document has a password
label-format-not-supported-yet = Format cannot be read
label-boards-too-few = Too few boards
label-board-text-missing = Board has no text
label-board-text-too-short = Too few characters
label-board-photo-missing = Board has no photos
label-board-empty = Empty board folder
label-boards-loose-file = File not in a board
label-photo-caption-too-long = Caption too long
label-photo-caption-empty = No caption
label-photo-caption-device-name = Name is not a caption
label-photo-caption-copy-mark = Copy mark in name
label-photo-too-small = Too small, not original
label-photo-no-camera-exif = No camera information
label-photo-heic = iPhone format, may not open
label-photo-incomplete = Photo incomplete
label-photo-resized = Scaled down, not original
label-photo-edited = Edited with an app
label-photo-screenshot = Looks like a screenshot
label-photo-outside-period = Taken outside the period
label-photo-date-future = Shooting date in the future
label-photo-clock-unset = Camera clock not set
label-photo-decode-error = Photo data damaged
label-photo-near-duplicate = Nearly identical photos
label-photo-unreadable = Photo cannot be opened
label-entries-too-few = Too few entries
label-entry-not-counted = Entry not counted
label-video-broken = Video damaged
label-video-unverified = Video cannot be verified
label-video-cache-file = Video site cache file
label-roster-no-name-column = No name column
label-roster-too-few = Too few people listed
label-roster-missing = No roster
label-roster-unreadable = Roster cannot be opened
label-roster-is-picture = Roster is a picture
label-roster-names-in-one-cell = Several names in one cell
label-archive-unsupported = Archive type not supported
label-archive-corrupt = Archive damaged
label-archive-unsafe-path = Unsafe path in archive
label-archive-encrypted = Archive has a password
label-archive-compression-unsupported = Uncommon compression method
label-archive-bomb = Archive too big, partly read
label-file-duplicate = Duplicate file
label-text-similar = Same text as another board
label-text-copied = Copied from plan or summary
label-text-placeholder = Template placeholders left
label-entry-text-too-short = Text too short
label-document-too-short = Document too short
label-document-stub = Not the material itself
label-document-is-notice = This is the notice
label-document-cover-letter = Only a cover letter
label-document-other-year = Material from another year
label-document-other-kind = Belongs to another requirement
label-document-other-city = Another city's material
label-text-reused = Already counted elsewhere
label-video-shared = Video used in two places
label-text-versions = Same text, several formats
label-entry-parts = Split by headings
label-entry-joined = Files counted as one
label-content-duplicate = Same content, counted once
label-link-not-material = Link, not the material
label-folder-unreadable = Folder cannot be opened
label-roster-rows-skipped = Non-attendee rows skipped
label-roster-placeholder = Unfilled places in roster
label-roster-phone-invalid = Invalid phone number
label-roster-duplicate-name = Duplicate name in roster
label-roster-number-mangled = Numbers garbled by Excel
label-roster-category-missing = Attendee category missing
label-mail-too-large = Needs large-attachment link
label-file-too-large-for-mail = Over mail attachment limit
label-folder-too-deep = Folders nested too deep
label-file-over-read-limit = Too large to read
label-internal-error = Check did not finish
label-file-empty = Empty file
label-file-shortcut = Shortcut, not the file
label-file-debris = Leftover system file
label-file-default-name = Default name not changed
html-look = Boards and material (click to open)
camera-date-taken = date taken
camera-model = camera model
table-other-findings = Other problems
table-finding = { $label }: { $text }  ({ $code })
explain-file-reader-crashed = The program reading this file crashed or used up the memory it is allowed, so the file was not read and does not count toward any requirement. The file may be damaged or deliberately malformed. Open it in Word, WPS or a picture viewer, save it as a new file and send that; the other files are checked as usual. (Files under { $read-mb } MB should never do this.)
explain-file-reader-timeout = Reading this file took longer than the limit, so it was not read and does not count toward any requirement. The file may be damaged or oddly built. Open it in Word, WPS or a picture viewer, save it as a new file and send that; the other files are checked as usual.
label-file-reader-crashed = File cannot be read
label-file-reader-timeout = Reading timed out
file-reader-crashed = the reader crashed or went over { $mb } MB of memory, so the file was not read and does not count; open it in Word, WPS or a picture viewer and save it as a new file
file-reader-timeout = reading took over { $seconds } seconds, so the file was not read and does not count; open it in Word, WPS or a picture viewer and save it as a new file
cell-cut = … [cut]
refusal-inside-submission = { $path } is inside the submission { $submission }, so it was not written: baosong never changes a submission. Write it to a folder outside the submissions; the other results are not affected.
output-failed = { $problem } ({ $why }): { $advice }
output-advice-file = it may be open in Excel or WPS, or its folder may not exist or not be writable. Close it or choose another place and run again; the other results are not affected.
output-advice-folder = none of the reply letters were written. Choose another place and run again; the other results are not affected.
output-console-failed = the result cannot be shown ({ $why }); the other results are not affected.
file-name-numbered = { $name } ({ $n })
ole-damaged-sheet = the spreadsheet is damaged (its internal storage contradicts itself, as after an incomplete download or an alteration) and cannot be read; open it in Excel or WPS, save it as .xlsx and put that in
ole-damaged-document = the document is damaged (its internal storage contradicts itself, as after an incomplete download or an alteration) and cannot be read; open it in Word or WPS, save it as .docx and put that in
ole-damaged-slides = the presentation is damaged (its internal storage contradicts itself, as after an incomplete download or an alteration) and cannot be read; open it in PowerPoint or WPS, save it as .pptx and put that in
sheet-too-large = the worksheet "{ $name }" has more than { $limit } cells (a roster of attendees has a few hundred); it was not read and does not count. Keep only the roster, save it as .xlsx in Excel or WPS and put that in
sheet-too-many-rows-named = the worksheet "{ $name }" has more than { $limit } rows; it was not read and does not count. A roster of attendees has a few dozen rows: delete what is not the roster, save it as .xlsx and put that in
sheet-too-many-cells = the table has more than { $limit } cells (a roster of attendees has a few hundred); it was not read and does not count. Open it in Excel or WPS, keep only the roster, save it as .xlsx and put that in
sheet-too-many-rows = the table has more than { $limit } rows; it was not read and does not count. A roster of attendees has a few dozen rows: open it in Excel or WPS, delete what is not the roster, save it as .xlsx and put that in
explain-sheet-too-large = The spreadsheet has more rows or cells than can be read (a roster of attendees has a few dozen rows), so its content was not read and counts for nothing. Open it in Excel or WPS, keep only the roster, delete other sheets and extra rows and columns, save it as .xlsx and put that in.
label-sheet-too-large = Spreadsheet too large, not read
text-similar-many = the text of "{ $this }" shares its rarest wording with more than { $limit } boards or documents; it was compared with { $limit } of them only. Give each board its own text
photo-over-limit-pixels = the photo declares { $w }×{ $h } pixels, more than the { $max-mp } megapixels checked; no phone or camera takes such a photo, so the file is damaged or was altered. It was not checked and does not count; copy the original photo again from the phone or camera
photo-over-limit-scans = the photo's picture data comes in { $scans } passes, more than the { $max } { $max ->
        [one] pass
       *[other] passes
    } a photo of its kind has, so the file is damaged or was altered. It was not checked and does not count; copy the original photo again from the phone or camera
photo-over-limit-memory = opening this photo takes { $mb } MB of memory, over the check limit of { $max-mb } MB (an ordinary phone photo takes a few tens of MB). It was not checked and does not count; use the original from the phone or camera, or save it again as an ordinary JPG with a picture viewer
photo-over-limit-extras = the colour profile or text the photo carries unpacks to more than { $max-mb } MB (normally a few KB), so the file is damaged or was altered. It was not checked and does not count; copy the original photo again from the phone or camera
photo-jpeg-coding = this JPG is saved in a way no phone or camera uses ({ $coding }), which Windows and browsers mostly cannot open. It was not checked and does not count; use the original from the phone or camera, or save it again as an ordinary JPG with a picture viewer
jpeg-coding-lossless = lossless compression
jpeg-coding-hierarchical = several sizes stored in layers
jpeg-coding-arithmetic = arithmetic compression
jpeg-coding-bits = { $bits } bits per colour
explain-photo-over-limit = The photo's declared size, the passes its picture data comes in, the memory opening it takes, or the extras it carries exceed what baosong checks (billions of pixels, thousands of passes, hundreds of MB of extras once unpacked). Real phone and camera photos never do; the file is damaged or was altered. So that the computer does not stall, the photo was not checked and does not count as a board photo. Copy the original photo again from the phone or camera.
label-photo-over-limit = Photo over a check limit
video-data-missing = part of the picture or sound data the video lists is not in the file (the data should reach byte { $needed }, the file has only { $len } bytes), so playback stops there; export or copy the complete video again
video-duration-invalid = the duration the video records is { $what }, so the file is damaged or was altered and whether it plays cannot be told; export the video again
video-duration-not-a-number = not a number
video-duration-negative = negative
video-duration-infinite = infinite
mht-cut = the single-file web page (.mht) is incomplete (its end is missing, as after a broken-off download), so its content cannot be trusted and does not count; download it again, or open it in a browser or Word and save it as a Word document (.docx)
mail-over-limit = the mail is larger than { $limit-mb } MB and was not read, so its attachments do not count; split the material over several mails and send large files as 超大附件 links
mail-part-unreadable = part of the mail is damaged and cannot be read, so the attachments in it do not count; export the mail again, and if that fails send it again
mail-too-many-parts = the mail has more than { $limit } parts; the rest were not read and their attachments do not count; put the attachments in one ZIP file and send it again
mail-too-deep = the mail's parts are nested more than { $limit } levels deep; the deeper parts were not read and their attachments do not count; attach the files directly instead of forwarding forwards
mail-nesting-too-deep = the forwarded mail "{ $name }" holds forwarded mails more than { $limit } levels deep; the deeper mails were not read and their attachments do not count; attach the files directly instead of forwarding forwards
mail-attachment-damaged = the attachment "{ $name }" is damaged (its data in the mail is broken) and cannot be read; it does not count; send it again
mail-attachment-cut = the attachment "{ $name }" is incomplete (the mail ends in the middle of it, as a mail not fully downloaded or exported does); it does not count; export the mail again, and if that fails send it again
mail-winmail-unreadable = the sender's mail program packed the mail's attachments into the one file "{ $name }", which cannot be read; they do not count; switch the mail format to plain text and send them again as ordinary attachments
mail-not-submission = the mail has no attachment and no large-attachment download link
mail-not-submission-pictures = the mail has only pictures in its text, no attachment and no large-attachment download link
mail-not-submission-auto = an automatic reply, with no attachment and no large-attachment download link
explain-mail-part-damaged = This attachment (or part) of the mail is damaged or cut short, usually because the mail was not received or exported whole; it cannot be opened and does not count toward any requirement. Export the mail again, or send the attachment again.
explain-mail-not-submission = This mail has no attachment and no large-attachment link (a question, an auto-reply, a reminder): it is not a submission and is only listed here.
label-mail-part-damaged = Mail attachment damaged
label-mail-not-submission = Not a submission
not-submissions-heading = Mails that are no submission (counted for no city):
late = late
late-mark = ! late (this material was mailed after its deadline)
letter-late = {" "}(late: this material was mailed after its deadline)
sheet-late = {" "}(late)

# Reading the mailbox over IMAP (refusals: exit status 2)
imap-url-malformed = “{ $url }” is not a mailbox address baosong can read. Write it like { $example } (the @ of the account as %40, the folder last; none means the inbox)
imap-url-plain-remote = An unencrypted connection may only reach a mail server on this machine; to { $host } it would send the password in clear. Change the address's { $plain } to { $secure }
imap-url-password = A mailbox address must not hold the password (it would stay in the command history). Remove it after the address's “:” and put it in the environment variable { $variable }, or type it when asked
imap-no-password = No mailbox password: put it in the environment variable { $variable }, or run baosong in a terminal and type it when asked
imap-password-prompt = Password (授权码) of the mailbox { $user } (not shown as you type):
imap-connect = Cannot reach the mail server { $server } ({ $why }); check the network and the server's address, and try again later
imap-timeout = The mail server { $server } did not answer for { $seconds } seconds; check the network and try again later
imap-closed = The mail server { $server } closed the connection; try again later, and if it keeps happening check the server's address and port
imap-tls-certificate = The mail server { $server }'s certificate was refused ({ $why }), so baosong did not connect. Check the server's address. If your network intercepts encrypted connections, use another network or ask its administrator
imap-tls-ca = Cannot use the certificate file { $file } ({ $why }); it must be the certificate (PEM text) of the authority that signed the server's
imap-tls-roots = Cannot load this computer's trusted certificates ({ $why }), so the mail server cannot be verified; ask your network's administrator
imap-tls-handshake = Cannot set up an encrypted connection with the mail server { $server } ({ $why }); check the server's address and port (993 for 126/163)
imap-login-refused = The mail server { $server } refused the login of { $user } ({ $reply }). Check the account and the password: 126/163 need the authorisation code (授权码) made when IMAP is switched on under Settings → POP3/SMTP/IMAP, not the web password
imap-id-refused = The mail server { $server } did not accept baosong's identification ({ $reply }) and refused access; allow client logins in the webmail's security settings and try again
imap-mailbox-refused = Cannot open the folder “{ $mailbox }” in the mailbox ({ $reply }); check its name (leave it out to read the inbox)
imap-failed = Error while reading the mail server { $server } ({ $reply }); try again later
imap-progress = Reading mails
city-by-sender = { $city } (by the sender)
city-by-sender-place = { $city } ({ $place }, by the sender)
city-by-address = { $city } (by the sender's address { $address })
city-by-attachment = { $city } (by the attachment “{ $name }”)
mail-sent-late = { $title } came in a mail sent { $sent }, after its deadline { $due } (late)
explain-mail-sent-late = The mail carrying this material was sent after the requirement's deadline (in China time; a mail sent on the deadline day itself is in time). Being late says nothing about the material itself, which is checked as usual: it is shown to the reviewer, and the organizer decides what it means. Send material before the deadline next time.
label-mail-sent-late = Mailed late

# Large-attachment download links (report/links.rs)
mail-link = The mail carries a large-attachment download link { $file }{ $size }: { $state }. A file behind a link is not submitted material and was not checked: the provincial center should download and check it before it expires; the sender had better send the file as mail attachments (over several mails if it is too large)
mail-link-expired = The large-attachment download link { $file }{ $size } in the mail expired on { $when }: the file can no longer be downloaded, and the provincial center neither received nor checked it. Send it again: as mail attachments (over several mails if it is too large), or as a new download link, telling the provincial center to download it at once
mail-links-over-limit = The mail "{ $file }" holds more large-attachment download links than the { $limit } listed; { $n ->
        [one] one more is
       *[other] { $n } more are
    } not listed: open the mail to see them
explain-mail-link = The mail's text holds a NetEase (126, 163) or QQ Mail large-attachment download link. The file behind it did not come with the mail and baosong does not download it, so it is not submitted material and was not checked. Such links stop working after some days: the provincial center should download the file before then, put it into the inbox and check again; the city had better send the file as mail attachments (compressed, or over several mails if it is too large).
label-mail-link = Large-attachment link
explain-mail-link-expired = The mail's large-attachment download link has expired: the file behind it can no longer be downloaded, so the provincial center neither received nor checked it, and the city does not pass. The city should send it again: as mail attachments (compressed, or over several mails if it is too large), or as a new download link, telling the provincial center to download it before it expires.
label-mail-link-expired = Download link expired
link-named = "{ $name }"
link-unnamed = (file name not given)
link-size = { " " }({ $size })
link-expires = expires { $when }, download it soon
link-expired = expired on { $when }, ask the city to send it again
link-expiry-unknown = expiry not stated, download it soon
link-when = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
        [12] Dec
       *[other] { $month }/
    } { $day }, { $time }
link-when-year = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
        [12] Dec
       *[other] { $month }/
    } { $day }, { $year }, { $time }
link-line = { $who }: { $file }{ $size } download link, { $state }
links-heading = Large-attachment download links (files behind links are not submitted material)
link-status-live = not expired
link-status-expired = expired
link-status-unknown = expiry unknown
sheet-links = Download links
column-link-name = File name
column-link-size = Size
column-link-expires = Expires
column-link = Link
column-mail-subject = Mail subject
column-sent-time = Sent
html-mail-from = from { $from }
imap-mailbox-missing = The mailbox has no folder “{ $mailbox }”; check its name (leave it out to read the inbox)
mails-after-as-of = { $n ->
    [one] 1 mail was sent after the day checked ({ $day }) and is left out
   *[other] { $n } mails were sent after the day checked ({ $day }) and are left out
}
path-mails = { $shown }: checked mail by mail, { $n ->
    [one] 1 mail
   *[other] { $n } mails
} (mails that are no submission are listed apart)
since-mailbox-only = --since applies only to a mailbox read directly (imaps://…), not to folders or .eml files
letter-files-listed = { $head } ({ $list })
files-at-top = { $n } { $n ->
    [one] file
   *[other] files
} received
city-ambiguous = city not known: there is a { $place } in { $cities }; tell from the material which one, and put the city's name in the submission's name
sheet-too-many-columns = the worksheet "{ $name }" has content right of column { $limit }; it was not read and does not count. A roster of attendees has a few columns: delete what is not the roster, save it as .xlsx and put that in
csv-too-many-columns = the table has content right of column { $limit }; it was not read and does not count. A roster of attendees has a few columns: open it in Excel or WPS, delete what is not the roster, save it as .xlsx and put that in
pdf-page-over-limit = page { $page } of this PDF unpacks to more than { $limit-mb } MB (a real page takes a few hundred KB), more than can be read; it was not read and does not count. Export the PDF again, or send the Word version
rtf-too-deep = the RTF document nests more than { $limit } levels deep (a real document nests a few dozen), more than can be read; it was not read and does not count. Open it in Word or WPS and save it as .docx
ppt-too-deep = the .ppt slides file nests more than { $limit } levels deep, more than can be read; it was not read and does not count. Open it in PowerPoint or WPS and save it as .pptx
ppt-too-many-records = reading the .ppt slides file takes more than { $limit } records, more than can be read; it was not read and does not count. Open it in PowerPoint or WPS and save it as .pptx
ppt-too-many-edits = the .ppt slides file keeps more than { $limit } saved edits, more than can be read; it was not read and does not count. Open it in PowerPoint or WPS and save it as .pptx
photo-over-limit-exif = the shooting information (EXIF) the photo carries takes more than { $max-mb } MB (phones and cameras write a few tens of KB), so the file is damaged or was altered. It was not checked and does not count; copy the original photo again from the phone or camera
photo-over-limit-chunks = the photo is made of more than { $max } parts (a real one has a few, a few dozen at most), so the file is damaged or was altered. It was not checked and does not count; copy the original photo again from the phone or camera
video-avi-too-many-chunks = the AVI video has more than { $limit } parts before its pictures (a real one has a few), so the file is damaged and does not count; export the video again, or convert it to .mp4
