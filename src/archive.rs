//! The archive (归档): the whole campaign at rest in one `.tar.zst` or `.zip` file with a
//! manifest of every file's size and SHA-256, written only when `verify` passes; and the check
//! of an archive, read as a stream and never unpacked to disk.
//!
//! Two archives of one campaign are byte for byte the same: files in the order of their paths,
//! every one with the same time and permissions, compressed at a fixed level. Reporters'
//! identities are in the records sealed, and are archived as they are.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Kind};
use crate::journal::{Damage, Entry};
use crate::messages::{archive as words, both};
use crate::partial::Partial;
use crate::store::{
    CAMPAIGN_FILE, INDEX_FILE, Index, JOURNAL_FILE, Problem, Store, is_within, sha256_hex,
};

/// The manifest's name inside an archive, its first entry.
pub const MANIFEST: &str = "MANIFEST.toml";

/// The time of every file in an archive: 1980-01-01 00:00 UTC, the earliest a zip can say.
const FIXED_MTIME: u64 = 315_532_800;
/// The permissions of every file in an archive.
const FIXED_MODE: u32 = 0o644;
/// zstd's level: well compressed, still quick for a campaign's text and documents.
const ZSTD_LEVEL: i32 = 12;

/// How an archive is written, chosen by its file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    TarZst,
    Zip,
}

impl Format {
    /// The format a file's name asks for, if any: `.tar.zst` or `.zip`, in any case.
    pub fn of(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        if name.ends_with(".tar.zst") && name.len() > ".tar.zst".len() {
            Some(Format::TarZst)
        } else if name.ends_with(".zip") && name.len() > ".zip".len() {
            Some(Format::Zip)
        } else {
            None
        }
    }

    /// The format, or the usage error that names the file.
    pub fn required(path: &Path) -> Result<Format, Error> {
        Format::of(path).ok_or_else(|| {
            Error::new(
                Kind::Usage,
                words::not_an_archive_name(&path.display().to_string()),
            )
            .with_hint(words::not_an_archive_name_hint())
        })
    }
}

/// `MANIFEST.toml`: what made the archive, the journal head it holds, and every file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The version of banzi that wrote the archive.
    pub banzi: String,
    /// The journal head, `SEQ:HASH`, as `verify --head` takes it.
    pub head: String,
    #[serde(default, rename = "file")]
    pub files: Vec<Listed>,
}

/// A file of the campaign as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listed {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// What `banzi archive` wrote.
#[derive(Debug, Serialize)]
pub struct Made {
    pub archive: String,
    pub files: usize,
    pub bytes: u64,
    pub head: String,
    pub manifest: Manifest,
}

/// Archives the campaign of `store` to `out`, after `verify` passes: written beside `out` under
/// another name and renamed, so that `out` is whole or absent; never over an existing file, nor
/// inside the campaign.
pub fn write(store: &Store, out: &Path, format: Format) -> anyhow::Result<Made> {
    let shown = out.display().to_string();
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(Error::invalid(words::already_exists(&shown))
            .with_hint(words::already_exists_hint())
            .into());
    }
    if is_within(out, store.root()).with_context(|| words::cannot_write(&shown))? {
        return Err(Error::invalid(words::inside_campaign(
            &shown,
            &store.root().display().to_string(),
        ))
        .with_hint(words::inside_campaign_hint())
        .into());
    }
    let report = crate::verify::verify(store)?;
    if !report.problems.is_empty() {
        let mut error = crate::store::damaged(store.root(), &report.details);
        error.message = words::not_archived(report.problems.len());
        return Err(error.into());
    }
    let head = report.head.clone().unwrap_or_default();

    let mut paths = crate::verify::campaign_files(store)?;
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read(store, &path)?;
        files.push(Listed {
            size: bytes.len() as u64,
            sha256: sha256_hex(&bytes),
            path,
        });
    }
    let manifest = Manifest {
        banzi: env!("CARGO_PKG_VERSION").to_owned(),
        head: head.clone(),
        files,
    };

    let partial = Partial::beside(out);
    let file = partial
        .create()
        .with_context(|| words::cannot_write(&shown))?;
    let written = match format {
        Format::TarZst => write_tar_zst(store, &manifest, file),
        Format::Zip => write_zip(store, &manifest, file),
    };
    written
        .and_then(|file| Ok(file.sync_all()?))
        .with_context(|| words::cannot_write(&shown))?;
    partial.place_new(out).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => anyhow::Error::from(
            Error::invalid(words::already_exists(&shown)).with_hint(words::already_exists_hint()),
        ),
        _ => anyhow::Error::new(e).context(words::cannot_write(&shown)),
    })?;
    Ok(Made {
        archive: shown,
        files: manifest.files.len(),
        bytes: manifest.files.iter().map(|f| f.size).sum(),
        head,
        manifest,
    })
}

fn read(store: &Store, path: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(store.root().join(path)).with_context(|| words::cannot_read(path))
}

/// A file's bytes again as it goes into the archive, refused if they are not what the manifest
/// lists: someone edited it behind banzi's back while it was being archived.
fn read_as_listed(store: &Store, listed: &Listed) -> anyhow::Result<Vec<u8>> {
    let bytes = read(store, &listed.path)?;
    if sha256_hex(&bytes) != listed.sha256 {
        return Err(
            Error::integrity(words::changed_while_archiving(&listed.path))
                .with_hint(words::changed_while_archiving_hint())
                .into(),
        );
    }
    Ok(bytes)
}

fn manifest_text(manifest: &Manifest) -> Vec<u8> {
    toml::to_string(manifest)
        .expect("a manifest serialises to TOML")
        .into_bytes()
}

fn write_tar_zst(store: &Store, manifest: &Manifest, file: File) -> anyhow::Result<File> {
    let mut encoder = zstd::Encoder::new(BufWriter::new(file), ZSTD_LEVEL)?;
    // A checksum of the content, so that zstd itself finds a damaged archive as it is read.
    encoder.include_checksum(true)?;
    let mut tar = tar::Builder::new(encoder);
    let mut append = |path: &str, bytes: &[u8]| -> anyhow::Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(bytes.len() as u64);
        header.set_mode(FIXED_MODE);
        header.set_mtime(FIXED_MTIME);
        header.set_uid(0);
        header.set_gid(0);
        tar.append_data(&mut header, path, bytes)?;
        Ok(())
    };
    append(MANIFEST, &manifest_text(manifest))?;
    for listed in &manifest.files {
        append(&listed.path, &read_as_listed(store, listed)?)?;
    }
    let encoder = tar.into_inner()?;
    let mut buffered = encoder.finish()?;
    buffered.flush()?;
    Ok(buffered.into_inner().map_err(|e| e.into_error())?)
}

fn write_zip(store: &Store, manifest: &Manifest, file: File) -> anyhow::Result<File> {
    let mut zip = zip::ZipWriter::new(BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(FIXED_MODE);
    zip.start_file(MANIFEST, options)?;
    zip.write_all(&manifest_text(manifest))?;
    for listed in &manifest.files {
        zip.start_file(listed.path.as_str(), options)?;
        zip.write_all(&read_as_listed(store, listed)?)?;
    }
    let mut buffered = zip.finish()?;
    buffered.flush()?;
    Ok(buffered.into_inner().map_err(|e| e.into_error())?)
}

/// What `banzi archive --check` found.
#[derive(Debug, Default, Serialize)]
pub struct Checked {
    /// How many files the archive holds besides its manifest.
    pub files: usize,
    /// How many bytes they are.
    pub bytes: u64,
    /// The journal head inside the archive, `SEQ:HASH`.
    pub head: Option<String>,
    /// The version of banzi that made it, as its manifest says.
    pub banzi: Option<String>,
    /// Every problem, each a sentence with its file and fix, in English for scripts.
    pub problems: Vec<String>,
    /// The same problems as data; each file is a path inside the archive.
    pub details: Vec<Problem>,
}

impl Checked {
    fn add(&mut self, file: &str, entry: Option<u64>, message: crate::messages::Both) {
        self.add_with_fix(file, entry, message, both(words::altered));
    }

    fn add_with_fix(
        &mut self,
        file: &str,
        entry: Option<u64>,
        message: crate::messages::Both,
        fix: crate::messages::Both,
    ) {
        let problem = Problem::new(file, entry, message, fix);
        self.problems.push(
            both(|| {
                crate::messages::verify::problem(
                    &problem.file,
                    problem.message.shown(),
                    problem.fix.shown(),
                )
            })
            .en,
        );
        self.details.push(problem);
    }
}

/// A file found in an archive: its hash and size, and its bytes when they are read further.
struct Found {
    size: u64,
    sha256: String,
    kept: Option<Vec<u8>>,
}

/// The files banzi reads out of an archive, beyond hashing them.
fn is_kept(path: &str) -> bool {
    [MANIFEST, JOURNAL_FILE, INDEX_FILE].contains(&path)
}

/// Checks the archive at `path`, read as a stream: every file against the manifest, the manifest
/// complete, the journal's chain, the index its last entry left and every record as the index
/// has it; with `head`, that the archive's journal ends at that head. Every problem is reported.
pub fn check(path: &Path, head: Option<&str>) -> anyhow::Result<Checked> {
    let format = Format::required(path)?;
    let wanted = head.map(crate::verify::parse_head).transpose()?;
    let shown = path.display().to_string();
    let file = File::open(path).map_err(|e| {
        Error::invalid(crate::messages::output::caused_by(
            &words::cannot_open(&shown),
            &e.to_string(),
        ))
    })?;
    let mut checked = Checked::default();
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    let mut on_entry =
        |checked: &mut Checked, name: String, regular: bool, reader: &mut dyn Read| {
            if !regular {
                checked.add(&name, None, both(words::not_a_plain_file));
                return;
            }
            match hash(reader, is_kept(&name)) {
                Err(e) => checked.add(&name, None, both(|| words::unreadable(&e.to_string()))),
                Ok(f) if found.contains_key(&name) => {
                    drop(f);
                    checked.add(&name, None, both(words::archived_twice));
                }
                Ok(f) => {
                    found.insert(name, f);
                }
            }
        };
    let read = match format {
        Format::TarZst => read_tar_zst(file, &mut checked, &mut on_entry),
        Format::Zip => read_zip(file, &mut checked, &mut on_entry),
    };
    if let Err(e) = read {
        // The archive itself, named by the problem's empty path.
        checked.add("", None, both(|| words::unreadable(&format!("{e:#}"))));
    }
    check_manifest(&mut checked, &mut found);
    check_journal(&mut checked, &found, wanted);
    Ok(checked)
}

/// Hashes what `reader` gives, keeping the bytes when asked.
fn hash(reader: &mut dyn Read, keep: bool) -> std::io::Result<Found> {
    let mut hasher = Sha256::new();
    let mut kept = keep.then(Vec::new);
    let mut size = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..n]);
        size += n as u64;
        if let Some(kept) = &mut kept {
            kept.extend_from_slice(&buffer[..n]);
        }
    }
    Ok(Found {
        size,
        sha256: hex::encode(hasher.finalize()),
        kept,
    })
}

type OnEntry<'a> = dyn FnMut(&mut Checked, String, bool, &mut dyn Read) + 'a;

fn read_tar_zst(file: File, checked: &mut Checked, on_entry: &mut OnEntry) -> anyhow::Result<()> {
    let decoder = zstd::Decoder::new(BufReader::new(file))?;
    let mut tar = tar::Archive::new(decoder);
    for entry in tar.entries()? {
        let mut entry = entry?;
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let regular = entry.header().entry_type().is_file();
        on_entry(checked, name, regular, &mut entry);
    }
    Ok(())
}

fn read_zip(file: File, checked: &mut Checked, on_entry: &mut OnEntry) -> anyhow::Result<()> {
    let mut zip = zip::ZipArchive::new(BufReader::new(file))?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i)?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        let regular = entry.is_file() && !entry.is_symlink();
        on_entry(checked, name, regular, &mut entry);
    }
    Ok(())
}

/// A path as banzi writes one: relative, with `/`, no empty, `.` or `..` part.
fn is_plain(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

fn check_manifest(checked: &mut Checked, found: &mut BTreeMap<String, Found>) {
    let Some(text) = found.remove(MANIFEST).and_then(|f| f.kept) else {
        checked.add("", None, both(|| words::no_manifest(MANIFEST)));
        return;
    };
    let manifest = match std::str::from_utf8(&text)
        .map_err(|e| e.to_string())
        .and_then(|t| toml::from_str::<Manifest>(t).map_err(|e| e.message().to_owned()))
    {
        Ok(manifest) => manifest,
        Err(e) => {
            checked.add(MANIFEST, None, both(|| words::manifest_unreadable(&e)));
            return;
        }
    };
    checked.banzi = Some(manifest.banzi.clone());
    checked.head = Some(manifest.head.clone());
    let mut listed = BTreeSet::new();
    for file in &manifest.files {
        if !is_plain(&file.path) {
            checked.add(&file.path, None, both(words::not_a_plain_path));
        }
        if !listed.insert(file.path.as_str()) {
            checked.add(&file.path, None, both(words::listed_twice));
            continue;
        }
        match found.get(&file.path) {
            None => checked.add(&file.path, None, both(words::listed_not_archived)),
            Some(f) if f.size != file.size || f.sha256 != file.sha256 => checked.add(
                &file.path,
                None,
                both(|| words::not_as_listed(f.size, &f.sha256, file.size, &file.sha256)),
            ),
            Some(f) => {
                checked.files += 1;
                checked.bytes += f.size;
            }
        }
    }
    for path in found.keys() {
        if !listed.contains(path.as_str()) {
            checked.add(path, None, both(words::archived_not_listed));
        }
    }
}

fn check_journal(
    checked: &mut Checked,
    found: &BTreeMap<String, Found>,
    wanted: Option<(u64, String)>,
) {
    let Some(text) = found.get(JOURNAL_FILE).and_then(|f| f.kept.as_deref()) else {
        checked.add(JOURNAL_FILE, None, both(words::no_journal));
        return;
    };
    let entries = match crate::journal::parse(&String::from_utf8_lossy(text)) {
        Ok(entries) => entries,
        Err(Damage::Torn { line, .. }) => {
            checked.add(JOURNAL_FILE, None, both(|| words::journal_torn(line)));
            return;
        }
        Err(Damage::Unreadable {
            line,
            column,
            message,
        }) => {
            checked.add(
                JOURNAL_FILE,
                None,
                both(|| words::journal_unreadable(line, column, &message)),
            );
            return;
        }
    };
    for broken in crate::journal::check_chain(&entries) {
        checked.add(JOURNAL_FILE, Some(broken.seq), broken.message);
    }
    let Some(last) = entries.last() else {
        checked.add(JOURNAL_FILE, None, both(words::no_journal));
        return;
    };
    let head = last.head();
    if let Some(listed) = checked.head.clone()
        && listed != head
    {
        checked.add(
            MANIFEST,
            Some(last.seq),
            both(|| words::manifest_head(&listed, &head)),
        );
    }
    checked.head = Some(head.clone());
    if let Some((seq, hash)) = wanted
        && !(seq == last.seq && last.hash.starts_with(&hash))
    {
        checked.add_with_fix(
            JOURNAL_FILE,
            Some(last.seq),
            both(|| words::head_differs(&head, &format!("{seq}:{hash}"))),
            both(words::not_the_archive),
        );
    }
    check_records(checked, found, last);
}

/// The index is the one the last entry left, and every record is as the index has it.
fn check_records(checked: &mut Checked, found: &BTreeMap<String, Found>, last: &Entry) {
    let Some(index) = found.get(INDEX_FILE) else {
        // Listed but missing is reported by the manifest's check; unlisted too.
        checked.add(
            INDEX_FILE,
            Some(last.seq),
            both(|| words::record_not_archived(last.seq)),
        );
        return;
    };
    if index.sha256 != last.index_sha256 {
        checked.add(
            INDEX_FILE,
            Some(last.seq),
            both(|| words::index_not_the_heads(last.seq)),
        );
        return;
    }
    let text = String::from_utf8_lossy(index.kept.as_deref().unwrap_or_default());
    let Ok(index) = Index::parse(&text) else {
        checked.add(
            INDEX_FILE,
            Some(last.seq),
            both(|| words::index_not_the_heads(last.seq)),
        );
        return;
    };
    for row in index.rows() {
        // A file already found wrong against the manifest is not reported twice.
        if checked.details.iter().any(|p| p.file == row.path) {
            continue;
        }
        match found.get(&row.path) {
            None => checked.add(
                &row.path,
                Some(row.seq),
                both(|| words::record_not_archived(row.seq)),
            ),
            // Settings edited since the last change are journaled with the next one.
            Some(_) if row.path == CAMPAIGN_FILE => {}
            Some(f) if f.sha256 != row.sha256 => checked.add(
                &row.path,
                Some(row.seq),
                both(|| words::record_not_as_written(row.seq)),
            ),
            Some(_) => {}
        }
    }
}
