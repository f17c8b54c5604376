//! The streaming reader of CSV files too large to read whole: the democratic-evaluation votes,
//! a million rows being normal.
//!
//! It reads a file once, in memory that does not grow with its rows, and decides its encoding
//! as [`super::decode`] does. Two threads share the work: a reader thread reads the file in
//! chunks, hashes them (SHA-256), checks or decodes them to UTF-8 and marks where their commas
//! and line breaks are; the calling thread splits the rows at those marks (or with `csv_core`
//! where a chunk has quotes) and hands each [`Record`] to a [`Sink`], which validates and counts
//! it without allocating per row. A workbook's sheet is handed over the same way, row by row.

use std::io::Read as _;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use anyhow::Context as _;
use sha2::{Digest, Sha256};

use super::{
    Encoding, SheetRows, Source, has_chinese, may_have_control, mixed_on_line,
    not_decodable_on_line, utf16_refused,
};
use crate::error::{Diagnostic, Error};
use crate::messages::import as say;

/// What takes the records of a file, one by one, in order.
pub trait Sink {
    fn record(&mut self, record: &Record<'_>) -> Result<(), Error>;
}

/// What a read found of the file as a whole.
pub struct Streamed {
    pub encoding: Encoding,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
}

/// Why one streaming pass over a file ended early.
enum PassError {
    /// The file turned out not to be UTF-8 after all: read it again as GB18030.
    NotUtf8,
    Failed(anyhow::Error),
}

impl From<Error> for PassError {
    fn from(error: Error) -> Self {
        PassError::Failed(error.into())
    }
}

/// Reads `file` into the sink `start` makes, called once the reader thread runs, so that what
/// the sink needs loads while the first chunks are read. The pass is optimistic: a file found
/// not to be UTF-8 part way through (GB18030 whose first rows are ASCII) is read again from the
/// start as GB18030, into a new sink. `progress(done, total)` is called with bytes.
pub fn read<S: Sink>(
    file: &Path,
    progress: &mut dyn FnMut(u64, u64),
    mut start: impl FnMut() -> anyhow::Result<S>,
) -> anyhow::Result<(S, Streamed)> {
    match pass(file, false, progress, &mut start) {
        Ok(read) => Ok(read),
        Err(PassError::Failed(error)) => Err(error),
        Err(PassError::NotUtf8) => match pass(file, true, progress, &mut start) {
            Ok(read) => Ok(read),
            Err(PassError::Failed(error)) => Err(error),
            Err(PassError::NotUtf8) => unreachable!("a GB18030 pass does not look for UTF-8"),
        },
    }
}

/// Hands the rows of a workbook's sheet to the sink `start` makes, as records of the lines the
/// rows are on; a cell holding an Excel error is the first problem of its row.
pub fn read_sheet<S: Sink>(
    source: &Source,
    rows: &SheetRows,
    mut start: impl FnMut() -> anyhow::Result<S>,
) -> anyhow::Result<(S, Streamed)> {
    let shown = &source.shown;
    let problems = rows.cell_problems(shown);
    if !problems.is_empty() {
        return Err(Error::invalid(say::cannot_import(shown.display()))
            .with_diagnostics(problems)
            .with_hint(say::rows_hint())
            .into());
    }
    let mut sink = start()?;
    let (mut text, mut spans) = (Vec::new(), Vec::new());
    for (line, cells) in &rows.rows {
        text.clear();
        spans.clear();
        for cell in cells {
            let from = text.len() as u32;
            text.extend_from_slice(cell.as_bytes());
            spans.push((from, text.len() as u32));
        }
        sink.record(&Record {
            line: *line as u64,
            text: &text,
            spans: &spans,
            clean: false,
        })?;
    }
    Ok((
        sink,
        Streamed {
            encoding: Encoding::Workbook,
            sha256: source.sha256.clone(),
        },
    ))
}

/// The size of the chunks the reader thread hands over, and how many are in flight: the memory
/// of a pass, whatever the size of the file.
pub(crate) const CHUNK: usize = 256 * 1024;
const CHUNKS: usize = 4;

/// One streaming pass: the reader thread reads, hashes and decodes; this thread parses and hands
/// over the records.
fn pass<S: Sink>(
    file: &Path,
    gb18030: bool,
    progress: &mut dyn FnMut(u64, u64),
    start: &mut impl FnMut() -> anyhow::Result<S>,
) -> Result<(S, Streamed), PassError> {
    let unreadable = |e: std::io::Error| {
        PassError::Failed(
            Error::invalid(say::cannot_read_streamed(file.display(), e))
                .with_hint(say::cannot_read_streamed_hint())
                .into(),
        )
    };
    let handle = std::fs::File::open(file).map_err(unreadable)?;
    let total = handle.metadata().map_err(unreadable)?.len();
    progress(0, total);
    let (feed_tx, feed_rx) = sync_channel(CHUNKS);
    let (free_tx, free_rx) = sync_channel(CHUNKS);
    for _ in 0..CHUNKS {
        free_tx
            .send(Chunk {
                buf: vec![0; CHUNK],
                marks: Vec::with_capacity(CHUNK / 64 + 1),
            })
            .expect("the channel holds every chunk");
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("stream-reader".into())
            .spawn_scoped(scope, move || {
                Reader {
                    file: handle,
                    hasher: Sha256::new(),
                    done: 0,
                    free: free_rx,
                    feed: feed_tx,
                }
                .run(gb18030)
            })
            .with_context(say::no_thread)
            .map_err(PassError::Failed)?;
        let mut sink = start().map_err(PassError::Failed)?;
        let mut records = Records::new(file);
        // The channels end with this function, so the reader stops if the sink fails early.
        let streamed = consume(
            file,
            feed_rx,
            free_tx,
            &mut records,
            &mut sink,
            total,
            progress,
        )?;
        Ok((sink, streamed))
    })
}

/// Parses every chunk the reader thread sends into the sink, returning each buffer for reuse.
fn consume(
    file: &Path,
    feed: Receiver<Feed>,
    free: SyncSender<Chunk>,
    records: &mut Records,
    sink: &mut impl Sink,
    total: u64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Streamed, PassError> {
    for message in feed {
        match message {
            Feed::Data {
                chunk,
                text,
                plain,
                done,
            } => {
                let marks = plain.then_some(chunk.marks.as_slice());
                records.feed(&chunk.buf[text], marks, &mut |record| sink.record(record))?;
                progress(done, total);
                // The reader may have stopped; then the chunk is simply dropped.
                let _ = free.send(chunk);
            }
            Feed::End { encoding, sha256 } => {
                records.feed(&[], None, &mut |record| sink.record(record))?;
                return Ok(Streamed { encoding, sha256 });
            }
            Feed::Failed(Stop::NotUtf8) => return Err(PassError::NotUtf8),
            Feed::Failed(Stop::Utf16) => return Err(utf16_refused(file).into()),
            Feed::Failed(Stop::Workbook(kind)) => {
                return Err(super::workbook_refused(file, kind).into());
            }
            // Everything before the bad byte was parsed, so the parser's line is the bad byte's.
            Feed::Failed(Stop::Malformed) => {
                return Err(not_decodable_on_line(file, records.line() as usize).into());
            }
            Feed::Failed(Stop::Mixed) => {
                return Err(mixed_on_line(file, records.line() as usize).into());
            }
            Feed::Failed(Stop::Io(e)) => {
                return Err(PassError::Failed(
                    anyhow::Error::new(e).context(say::cannot_read(file.display())),
                ));
            }
            Feed::Failed(Stop::Hangup) => break,
        }
    }
    Err(PassError::Failed(anyhow::anyhow!(say::stopped(
        file.display()
    ))))
}

/// What the reader thread sends: decoded UTF-8 text, then how the file ended.
enum Feed {
    Data {
        chunk: Chunk,
        /// The text in the chunk's buffer.
        text: std::ops::Range<usize>,
        /// Whether the text is plain, and the chunk's marks those of its blocks.
        plain: bool,
        /// Bytes of the file read so far.
        done: u64,
    },
    End {
        encoding: Encoding,
        sha256: String,
    },
    Failed(Stop),
}

/// A buffer of text and, when the text is plain, where its commas and line breaks are: found by
/// the reader thread, whose pass over the bytes (hashing, checking UTF-8) has them at hand. It
/// is as far as the reader can go and still have less to do than the counting thread.
struct Chunk {
    buf: Vec<u8>,
    /// [`delimiters`] of each 64-byte block of the text.
    marks: Vec<(u64, u64)>,
}

/// Whether a text can take the fast path (no quotes, every `\r` ending a line, no control
/// characters), and if so the [`delimiters`] of each of its 64-byte blocks.
fn mark(text: &[u8], marks: &mut Vec<(u64, u64)>) -> bool {
    marks.clear();
    let plain = memchr::memchr(b'"', text).is_none()
        && memchr::memchr_iter(b'\r', text).all(|i| text.get(i + 1) == Some(&b'\n'))
        && !may_have_control(text);
    if plain {
        let mut blocks = text.chunks_exact(64);
        marks.extend(
            blocks
                .by_ref()
                .map(|block| delimiters(block.try_into().expect("64 bytes"))),
        );
        // Zeros are neither commas nor line breaks.
        let mut tail = [0u8; 64];
        tail[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
        marks.push(delimiters(&tail));
    }
    plain
}

enum Stop {
    Io(std::io::Error),
    Utf16,
    /// An Excel/WPS workbook, of this kind, given as a text file.
    Workbook(&'static str),
    /// Not UTF-8 where UTF-8 was hoped for; the whole file is to be read as GB18030.
    NotUtf8,
    /// Not GB18030 (the second pass), after the text already sent.
    Malformed,
    /// Not UTF-8 after Chinese text that was: cells of another encoding pasted in.
    Mixed,
    /// The parsing thread stopped listening.
    Hangup,
}

/// The reader thread: reads the file once, hashes every byte, and sends UTF-8 text.
struct Reader {
    file: std::fs::File,
    hasher: Sha256,
    done: u64,
    free: Receiver<Chunk>,
    feed: SyncSender<Feed>,
}

impl Reader {
    fn run(mut self, gb18030: bool) {
        let result = if gb18030 { self.gb18030() } else { self.utf8() };
        let message = match result {
            Ok(encoding) => Feed::End {
                encoding,
                sha256: hex::encode(self.hasher.finalize_reset()),
            },
            Err(Stop::Hangup) => return,
            Err(stop) => Feed::Failed(stop),
        };
        let _ = self.feed.send(message);
    }

    fn buffer(&self) -> Result<Chunk, Stop> {
        self.free.recv().map_err(|_| Stop::Hangup)
    }

    fn send(&self, mut chunk: Chunk, text: std::ops::Range<usize>) -> Result<(), Stop> {
        let plain = mark(&chunk.buf[text.clone()], &mut chunk.marks);
        self.feed
            .send(Feed::Data {
                chunk,
                text,
                plain,
                done: self.done,
            })
            .map_err(|_| Stop::Hangup)
    }

    /// Fills `buf` from the file, short only at its end, and hashes what was read.
    fn fill(&mut self, buf: &mut [u8]) -> Result<usize, Stop> {
        let mut n = 0;
        while n < buf.len() {
            match self.file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Stop::Io(e)),
            }
        }
        self.hasher.update(&buf[..n]);
        self.done += n as u64;
        Ok(n)
    }

    /// Sends the file's text as it is, checking it is UTF-8; a character cut by the end of a
    /// chunk is carried over to the next one.
    fn utf8(&mut self) -> Result<Encoding, Stop> {
        let mut chunk = self.buffer()?;
        let mut carried = 0;
        let mut first = true;
        let mut encoding = Encoding::Utf8;
        // Whether Chinese text was read as UTF-8: then a byte that is not UTF-8 is a pasted cell.
        // Looked for only until found, which is on the first line of most files.
        let mut chinese = false;
        loop {
            let read = self.fill(&mut chunk.buf[carried..])?;
            let buf = &chunk.buf;
            let end = carried + read;
            let at_end = end < buf.len();
            let mut start = 0;
            if first {
                first = false;
                if buf[..end].starts_with(b"\xEF\xBB\xBF") {
                    encoding = Encoding::Utf8Bom;
                    start = 3;
                } else if buf[..end].starts_with(b"\xFF\xFE") || buf[..end].starts_with(b"\xFE\xFF")
                {
                    return Err(Stop::Utf16);
                } else if let Some(kind) = super::workbook_kind(&buf[..end]) {
                    return Err(Stop::Workbook(kind));
                }
            }
            // SIMD validation: the standard library's takes as long as hashing on Chinese text.
            let valid = match simdutf8::compat::from_utf8(&buf[start..end]) {
                Ok(_) => end,
                Err(e) if e.error_len().is_none() && !at_end => start + e.valid_up_to(),
                Err(e) => {
                    let valid = start + e.valid_up_to();
                    chinese = chinese || has_chinese(&buf[start..valid]);
                    self.send(chunk, start..valid)?;
                    // With a BOM, or after Chinese text, the file says it is UTF-8 (see
                    // `super::decode`); else it may be GB18030.
                    return Err(match encoding {
                        Encoding::Utf8Bom => Stop::Mixed,
                        _ if chinese => Stop::Mixed,
                        _ => Stop::NotUtf8,
                    });
                }
            };
            chinese = chinese || has_chinese(&buf[start..valid]);
            let mut tail = [0u8; 4];
            carried = end - valid;
            tail[..carried].copy_from_slice(&buf[valid..end]);
            self.send(chunk, start..valid)?;
            if at_end {
                return Ok(encoding);
            }
            chunk = self.buffer()?;
            chunk.buf[..carried].copy_from_slice(&tail[..carried]);
        }
    }

    /// Sends the file's text decoded from GB18030, strictly: a malformed byte stops it.
    fn gb18030(&mut self) -> Result<Encoding, Stop> {
        use encoding_rs::DecoderResult;
        let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
        let mut raw = vec![0u8; CHUNK];
        let mut out = self.buffer()?;
        let mut written = 0;
        loop {
            let read = self.fill(&mut raw)?;
            let last = read < raw.len();
            let mut input = &raw[..read];
            loop {
                let (result, consumed, produced) = decoder.decode_to_utf8_without_replacement(
                    input,
                    &mut out.buf[written..],
                    last,
                );
                input = &input[consumed..];
                written += produced;
                match result {
                    DecoderResult::InputEmpty => break,
                    DecoderResult::OutputFull => {
                        self.send(out, 0..written)?;
                        out = self.buffer()?;
                        written = 0;
                    }
                    DecoderResult::Malformed(..) => {
                        self.send(out, 0..written)?;
                        return Err(Stop::Malformed);
                    }
                }
            }
            if last {
                self.send(out, 0..written)?;
                return Ok(Encoding::Gb18030);
            }
        }
    }
}

/// A row longer than this is no votes row; refusing it keeps memory bounded.
const MAX_ROW_BYTES: usize = 1 << 20;

/// A CSV parser over text fed in chunks, giving each record with the line it starts on.
///
/// Votes files seldom hold a quote, so a chunk without quotes or stray `\r` is split at its
/// commas and line breaks, found 64 bytes at a time; any other chunk, and a line cut by the end
/// of a chunk, goes through `csv_core`, which reads such text the same way. Lines are counted
/// here, not by `csv_core`: a record's line is one more than the line breaks before its first
/// byte, so blank lines and CRLF are counted as people see them.
struct Records {
    file: std::path::PathBuf,
    core: csv_core::Reader,
    /// Whether `core` is inside a record that the next input continues.
    in_core: bool,
    fields: Vec<u8>,
    ends: Vec<usize>,
    fields_len: usize,
    ends_len: usize,
    /// The fields of the record being read, as byte ranges of its text.
    spans: Vec<(u32, u32)>,
    /// Line breaks consumed so far.
    breaks: u64,
    /// The line of the record `core` is reading.
    core_line: u64,
}

/// One CSV record: its line and its fields.
pub struct Record<'a> {
    pub line: u64,
    /// The text the spans index, with any text after the record: a cell's key may read past it.
    text: &'a [u8],
    spans: &'a [(u32, u32)],
    /// Whether the record is known to hold no control character: it comes from a plain chunk.
    pub clean: bool,
}

impl Record<'_> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Field `i` as it is, and its key for [`Names::find`].
    #[inline(always)]
    pub fn raw(&self, i: usize) -> (u128, &[u8]) {
        let (start, end) = self.spans[i];
        let (start, end) = (start as usize, end as usize);
        (key(self.text, start, end - start), &self.text[start..end])
    }

    /// Field `i` without surrounding white space, as the shared reader trims it: Unicode's, so
    /// the ideographic space of Chinese input methods too.
    pub fn cell(&self, i: usize) -> &[u8] {
        let (start, end) = self.trimmed(i);
        &self.text[start..end]
    }

    /// [`Record::find`] for a field with white space around it, or none of the names; out of
    /// line, so that the loop over the cells stays small.
    #[inline(never)]
    fn find_trimmed(&self, names: &Names, i: usize) -> Option<usize> {
        let (start, end) = self.trimmed(i);
        names.find(key_of(self.text, start, end), &self.text[start..end])
    }

    /// [`Record::cell`] as a range of `text`.
    fn trimmed(&self, i: usize) -> (usize, usize) {
        let (start, end) = self.spans[i];
        let (start, end) = (start as usize, end as usize);
        // Fields end at ASCII delimiters of UTF-8 text, so a field is UTF-8 too.
        let text = String::from_utf8_lossy(&self.text[start..end]);
        let leading = text.len() - text.trim_start().len();
        if leading == text.len() {
            return (start, start);
        }
        (start + leading, end - (text.len() - text.trim_end().len()))
    }

    /// The index in `names` of field `i`. Names have no white space around them, so a field
    /// that is one as it stands needs no trimming: most do.
    #[inline(always)]
    pub fn find(&self, names: &Names, i: usize) -> Option<usize> {
        let (key, cell) = self.raw(i);
        match names.find(key, cell) {
            Some(found) => Some(found),
            None => self.find_trimmed(names, i),
        }
    }

    pub fn is_blank(&self) -> bool {
        (0..self.len()).all(|i| self.cell(i).is_empty())
    }

    /// Field `i` as text; the stream is UTF-8, and a field boundary is an ASCII byte.
    pub fn text(&self, i: usize) -> String {
        String::from_utf8_lossy(self.cell(i)).into_owned()
    }
}

/// The first 15 bytes of a cell and its length as one number, so that a cell is matched against
/// a few names with integer operations, not a `memcmp` call for each.
#[inline(always)]
pub fn key(text: &[u8], start: usize, len: usize) -> u128 {
    let keep = len.min(15);
    let word = match text.get(start..start + 16) {
        Some(word) => u128::from_le_bytes(word.try_into().expect("16 bytes")),
        None => {
            let mut word = [0u8; 16];
            word[..keep].copy_from_slice(&text[start..start + keep]);
            u128::from_le_bytes(word)
        }
    };
    (word & KEEP[keep]) | ((len.min(255) as u128) << 120)
}

fn key_of(text: &[u8], start: usize, end: usize) -> u128 {
    key(text, start, end - start)
}

/// No cell has this key: its bytes would be 0xFF, which UTF-8 never has.
pub const NO_KEY: u128 = u128::MAX;

/// `KEEP[n]` keeps the first `n` bytes of a little-endian word.
const KEEP: [u128; 16] = {
    let mut masks = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// A few names (grades, rater groups) matched as bytes, through a perfect hash of their keys:
/// which grade or group a row has is as good as random, so comparing the names in turn would
/// cost a mispredicted branch, or a compare for every name, per cell.
#[derive(Default)]
pub struct Names {
    keys: Vec<u128>,
    names: Vec<Box<[u8]>>,
    /// Per hash slot, the key of the name there and its index, so that a lookup is one load;
    /// `NO_KEY` for none. Empty when no hash was found, and the names are compared in turn.
    table: Vec<(u128, usize)>,
    multipliers: (u64, u64),
    shift: u32,
}

impl Names {
    pub fn new<'n>(names: impl IntoIterator<Item = &'n str>) -> Names {
        let mut all = Names::default();
        for name in names {
            all.push(name.as_bytes());
        }
        all
    }

    pub fn push(&mut self, name: &[u8]) {
        self.keys.push(key(name, 0, name.len()));
        self.names.push(name.into());
        self.rehash();
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    #[inline(always)]
    fn slot(&self, key: u128) -> usize {
        let (low, high) = (key as u64, (key >> 64) as u64);
        ((low.wrapping_mul(self.multipliers.0) ^ high.wrapping_mul(self.multipliers.1))
            >> self.shift) as usize
    }

    /// Looks for multipliers that put every distinct key in a slot of its own. With 8 slots
    /// per name, random odd multipliers do so more often than not; the tries follow a fixed
    /// sequence, so a file is always read the same way.
    fn rehash(&mut self) {
        let bits = (self.keys.len() * 8)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        self.shift = 64 - bits;
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed | 1
        };
        for _ in 0..1000 {
            self.multipliers = (next(), next());
            self.table.clear();
            self.table.resize(1 << bits, (NO_KEY, 0));
            let mut collided = false;
            for (i, &key) in self.keys.iter().enumerate() {
                let slot = self.slot(key);
                match self.table[slot].0 {
                    NO_KEY => self.table[slot] = (key, i),
                    // Long names sharing their first 15 bytes and length share a key.
                    other if other == key => {}
                    _ => collided = true,
                }
            }
            if !collided {
                return;
            }
        }
        self.table.clear();
    }

    /// The names, in the order they were pushed.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.names.iter().map(|n| &**n)
    }

    /// The index of the cell, given its key.
    #[inline(always)]
    pub fn find(&self, key: u128, cell: &[u8]) -> Option<usize> {
        // A key holds a cell of up to 15 bytes whole; longer ones compare in full.
        if cell.len() >= 16 || self.table.is_empty() {
            return (0..self.keys.len()).find(|&i| self.keys[i] == key && *self.names[i] == *cell);
        }
        let (found, i) = self.table[self.slot(key)];
        (found == key).then_some(i)
    }
}

/// For each byte of `word`, its high bit set if the byte is `byte` (exact: no carries between
/// bytes).
#[inline(always)]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (0x0101_0101_0101_0101 * u64::from(byte));
    !(((x & LOW) + LOW) | x) & !LOW
}

/// The commas and line breaks of a 64-byte block, one bit per byte, and the line breaks alone.
#[inline(always)]
fn delimiters(block: &[u8; 64]) -> (u64, u64) {
    // Gathers the high bit of each byte of a word into 8 bits.
    let gather = |mask: u64| ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
    let (mut delimiters, mut breaks) = (0, 0);
    for (i, word) in block.chunks_exact(8).enumerate() {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        let newline = bytes_equal(word, b'\n');
        delimiters |= gather(bytes_equal(word, b',') | newline) << (8 * i);
        breaks |= gather(newline) << (8 * i);
    }
    (delimiters, breaks)
}

fn line_breaks(text: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', text).count() as u64
}

impl Records {
    fn new(file: &Path) -> Records {
        Records {
            file: file.to_path_buf(),
            core: csv_core::Reader::new(),
            in_core: false,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            fields_len: 0,
            ends_len: 0,
            spans: Vec::new(),
            breaks: 0,
            core_line: 0,
        }
    }

    /// The line the parser has reached.
    fn line(&self) -> u64 {
        self.breaks + 1
    }

    /// Parses `text`, which follows what was fed before, calling `on_record` for every complete
    /// record; empty text ends the input. `marks` are [`mark`]'s, when the text is plain.
    fn feed(
        &mut self,
        text: &[u8],
        marks: Option<&[(u64, u64)]>,
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if text.is_empty() {
            if self.in_core {
                // A line break ends the last record, unless a quote left open takes it in.
                self.core_record(b"\n", on_record)?;
                if self.in_core {
                    return Err(Error::invalid(say::quote_open(self.file.display()))
                        .with_diagnostics(vec![
                            Diagnostic::new(&self.file, say::open_quote())
                                .at_line(self.core_line as usize),
                        ])
                        .with_hint(say::quote_open_hint()));
                }
            }
            return Ok(());
        }
        let mut rest = text;
        if self.in_core {
            rest = self.core_record(rest, on_record)?;
            if self.in_core {
                return Ok(());
            }
        }
        if let Some(marks) = marks {
            let done = self.plain(text, marks, text.len() - rest.len(), on_record)?;
            rest = &text[done..];
        }
        loop {
            // At the start of a record: blank lines are skipped, and counted.
            let Some(start) = rest.iter().position(|&b| b != b'\r' && b != b'\n') else {
                self.breaks += line_breaks(rest);
                return Ok(());
            };
            self.breaks += line_breaks(&rest[..start]);
            self.core.reset();
            self.in_core = true;
            self.core_line = self.breaks + 1;
            rest = self.core_record(&rest[start..], on_record)?;
            if self.in_core {
                return Ok(());
            }
        }
    }

    /// The fast path: reads the complete lines of plain `text` from `from` on, splitting them at
    /// the commas that `marks` show; gives where the last, incomplete line starts.
    fn plain(
        &mut self,
        text: &[u8],
        marks: &[(u64, u64)],
        from: usize,
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), Error>,
    ) -> Result<usize, Error> {
        let (mut field, mut line) = (from, from);
        self.spans.clear();
        for (block, &(mut delimiters, breaks)) in marks.iter().enumerate().skip(from / 64) {
            let block_start = block * 64;
            if block_start < from {
                delimiters &= u64::MAX << (from - block_start);
            }
            while delimiters != 0 {
                let bit = delimiters & delimiters.wrapping_neg();
                delimiters ^= bit;
                let at = block_start + bit.trailing_zeros() as usize;
                // Offsets fit in 32 bits: a chunk is far shorter than 4 GiB.
                if bit & breaks == 0 {
                    self.spans.push((field as u32, at as u32));
                    field = at + 1;
                    continue;
                }
                let end = if at > field && text[at - 1] == b'\r' {
                    at - 1
                } else {
                    at
                };
                // Lines holding nothing but their line break are no records.
                if !(self.spans.is_empty() && end == line) {
                    self.spans.push((field as u32, end as u32));
                    on_record(&Record {
                        line: self.breaks + 1,
                        text,
                        spans: &self.spans,
                        clean: true,
                    })?;
                    self.spans.clear();
                }
                self.breaks += 1;
                field = at + 1;
                line = at + 1;
            }
        }
        Ok(line)
    }

    /// Reads one record with `csv_core` from `input`, or all of `input` if the record goes on
    /// past it; gives the input after the record.
    fn core_record<'i>(
        &mut self,
        mut input: &'i [u8],
        on_record: &mut impl FnMut(&Record<'_>) -> Result<(), Error>,
    ) -> Result<&'i [u8], Error> {
        use csv_core::ReadRecordResult;
        loop {
            let (result, consumed, written, ended) = self.core.read_record(
                input,
                &mut self.fields[self.fields_len..],
                &mut self.ends[self.ends_len..],
            );
            self.breaks += line_breaks(&input[..consumed]);
            input = &input[consumed..];
            self.fields_len += written;
            self.ends_len += ended;
            match result {
                ReadRecordResult::InputEmpty => return Ok(input),
                ReadRecordResult::End => {
                    self.in_core = false;
                    return Ok(input);
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {
                    if self.fields_len >= MAX_ROW_BYTES {
                        return Err(Error::invalid(say::row_too_long(
                            self.file.display(),
                            MAX_ROW_BYTES / 1024,
                        ))
                        .with_diagnostics(vec![
                            Diagnostic::new(&self.file, say::row_too_long_here())
                                .at_line(self.core_line as usize),
                        ])
                        .with_hint(say::row_too_long_hint()));
                    }
                    if result == ReadRecordResult::OutputFull {
                        self.fields.resize(self.fields.len() * 2, 0);
                    } else {
                        self.ends.resize(self.ends.len() * 2, 0);
                    }
                }
                ReadRecordResult::Record => {
                    self.spans.clear();
                    let mut start = 0;
                    for &end in &self.ends[..self.ends_len] {
                        // A record is at most `MAX_ROW_BYTES` long.
                        self.spans.push((start as u32, end as u32));
                        start = end;
                    }
                    self.fields_len = 0;
                    self.ends_len = 0;
                    self.in_core = false;
                    on_record(&Record {
                        line: self.core_line,
                        text: &self.fields,
                        spans: &self.spans,
                        clean: false,
                    })?;
                    return Ok(input);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The records of a text fed in the given pieces, as (line, cells).
    fn records_of(pieces: &[&[u8]]) -> Vec<(u64, Vec<String>)> {
        let mut records = Records::new(Path::new("t.csv"));
        let mut found = Vec::new();
        let mut marks = Vec::new();
        for piece in pieces.iter().copied().chain([b"".as_slice()]) {
            let plain = !piece.is_empty() && mark(piece, &mut marks);
            records
                .feed(piece, plain.then_some(&marks[..]), &mut |record| {
                    let cells = (0..record.len()).map(|i| record.text(i)).collect();
                    found.push((record.line, cells));
                    Ok(())
                })
                .unwrap();
        }
        found
    }

    #[test]
    fn records_are_the_same_wherever_a_chunk_ends() {
        let text = "a,b\r\n\r\n 甲 ,\"x,\r\ny\"\n\n\u{3000}乙\u{3000},c\r\nlast,line";
        let whole = records_of(&[text.as_bytes()]);
        let cells = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            whole,
            [
                (1, cells(&["a", "b"])),
                (3, cells(&["甲", "x,\r\ny"])),
                (6, cells(&["乙", "c"])),
                (7, cells(&["last", "line"])),
            ]
        );
        let bytes = text.as_bytes();
        for at in 0..=bytes.len() {
            assert_eq!(
                records_of(&[&bytes[..at], &bytes[at..]]),
                whole,
                "split at {at}"
            );
        }
        // Blocks of the fast path: a line longer than 64 bytes, and a split inside a block.
        let long = format!("{},x\n{}\n", "长".repeat(30), "y,".repeat(40));
        let whole = records_of(&[long.as_bytes()]);
        assert_eq!(whole[0].1[0], "长".repeat(30));
        assert_eq!(whole[1].1.len(), 41);
        for at in [1, 63, 64, 65, 91, 92, 93, 150] {
            let bytes = long.as_bytes();
            assert_eq!(
                records_of(&[&bytes[..at], &bytes[at..]]),
                whole,
                "split at {at}"
            );
        }
    }

    #[test]
    fn delimiter_marks_are_exact() {
        for byte in 0..=255u8 {
            for position in 0..8 {
                let word = u64::from(byte) << (8 * position)
                    | 0x2020_2020_2020_2020 & !(0xFF << (8 * position));
                let expected = if byte == b',' {
                    0x80 << (8 * position)
                } else {
                    0
                };
                assert_eq!(bytes_equal(word, b','), expected, "{byte:#x} at {position}");
            }
        }
        let mut block = [b'x'; 64];
        for (i, b) in block.iter_mut().enumerate() {
            if i % 7 == 3 {
                *b = b',';
            } else if i % 11 == 5 {
                *b = b'\n';
            }
        }
        let (delimiters, breaks) = delimiters(&block);
        for (i, b) in block.iter().enumerate() {
            assert_eq!(delimiters >> i & 1 == 1, matches!(b, b',' | b'\n'), "{i}");
            assert_eq!(breaks >> i & 1 == 1, *b == b'\n', "{i}");
        }
    }

    #[test]
    fn names_match_whole_cells_only() {
        let long = "一个很长的测评主体名称甲";
        let longer = "一个很长的测评主体名称乙";
        let mut names = Names::new(["优秀", "", long]);
        names.push(longer.as_bytes());
        let find = |cell: &str| names.find(key(cell.as_bytes(), 0, cell.len()), cell.as_bytes());
        assert_eq!(find("优秀"), Some(0));
        assert_eq!(find(""), Some(1));
        assert_eq!(find(long), Some(2));
        assert_eq!(find(longer), Some(3));
        for other in ["优", "优秀秀", "一个很长的测评主体名称丙", " "] {
            assert_eq!(find(other), None, "{other}");
        }
    }
}
