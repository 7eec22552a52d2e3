//! Stage 8, write: the site is written to a staging folder next to the output folder and
//! swapped in only when the build succeeded, so a failed build leaves the last good
//! output exactly as it was.
//!
//! plainsite only ever deletes a folder it made itself. The output path is resolved the
//! way the operating system will see it (every `.`, `..` and symbolic link, in order,
//! also after a folder that does not exist yet) into an [`OutputDir`] before any check;
//! it is refused when it is the site root or holds it, is inside `content/`, `themes/`
//! or `templates/`, is a symbolic link, or is a non-empty folder without plainsite's
//! marker file, and checked again just before the swap. One build at a time writes an
//! output folder (a lock file beside it); under that lock, the staging and old folders
//! an interrupted build left beside it are removed. Nothing is deleted through a link.

pub mod images;
mod owned;

use std::fs::File;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::text::error::{Error, Result};

/// The marker file plainsite writes in every output folder it makes, with the list of
/// the files it wrote there (see [`owned`]).
pub const MARKER: &str = ".plainsite-output";
use owned::MARKER_TEXT;

/// Symbolic links followed while resolving one path, as Linux's own limit.
const MAX_LINKS: usize = 40;

/// Resolves `path` as the operating system will once its missing folders are made:
/// absolute, with `.`, `..` and symbolic links resolved component by component. A `..`
/// after a folder that does not exist yet goes back to that folder's parent, as it will
/// once `create_dir_all` has made it.
pub fn resolve_path(path: &Path) -> Result<PathBuf> {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        let cwd = std::env::current_dir().map_err(|e| Error::read(".", e))?;
        cwd.join(path)
    };
    let mut out = PathBuf::new();
    let mut links = 0;
    for part in abs.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                let next = out.join(name);
                let is_link = std::fs::symlink_metadata(&next).is_ok_and(|m| m.is_symlink());
                out = if is_link {
                    links += 1;
                    if links > MAX_LINKS {
                        return Err(Error::Refused(format!(
                            "{} goes through more than {MAX_LINKS} symbolic links",
                            path.display()
                        )));
                    }
                    // `out` has no links left in it, so this resolves `next`'s link alone.
                    next.canonicalize().map_err(|_| {
                        Error::Refused(format!(
                            "{} is a symbolic link to something that does not exist (in {}); remove the link or choose another folder",
                            next.display(),
                            path.display()
                        ))
                    })?
                } else {
                    next
                };
            }
        }
    }
    Ok(out)
}

/// An output folder that passed every check: its fully resolved path, which is not a
/// link, not the site or a folder holding it, not inside the site's sources, and empty,
/// new or made by plainsite. Made only by [`OutputDir::new`].
#[derive(Debug, Clone)]
pub struct OutputDir {
    path: PathBuf,
    /// The path as the user wrote it, for messages.
    shown: PathBuf,
    /// The folder's identity when checked (device and inode), if it existed.
    identity: Option<(u64, u64)>,
}

impl OutputDir {
    /// Resolves `output` (relative to the current folder) and checks that plainsite may
    /// replace it, for the site in `root`.
    pub fn new(root: &Path, output: &Path) -> Result<OutputDir> {
        let shown = output.display();
        refuse_link(output)?;
        let root = resolve_path(root)?;
        let path = resolve_path(output)?;
        if root.starts_with(&path) {
            return Err(Error::Refused(format!(
                "the output folder {shown} is the site folder or holds it; plainsite replaces the output folder on every build, so it must be a folder of its own, such as public/"
            )));
        }
        if let Some(place) = protected_place(&root, &path)? {
            return Err(Error::Refused(format!(
                "the output folder {shown} is {place}; choose a folder of its own, such as public/"
            )));
        }
        let identity = check_replaceable(&path, &shown.to_string())?;
        Ok(OutputDir {
            path,
            shown: output.to_path_buf(),
            identity,
        })
    }

    /// The resolved path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The folder it is in (made if missing) and its name.
    fn parent_and_name(&self) -> Result<(PathBuf, String)> {
        let parent = self.path.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        Ok((parent, name))
    }

    /// Checks again, just before the swap, that the folder to be replaced is still the
    /// one checked: the same path once resolved, not a link, the same folder (or still
    /// missing), and empty or made by plainsite.
    fn recheck(&self) -> Result<()> {
        let shown = self.shown.display().to_string();
        let changed = || {
            Error::Refused(format!(
                "the output folder {shown} was changed by something else during the build; nothing was replaced. Build again"
            ))
        };
        if resolve_path(&self.path)? != self.path {
            return Err(changed());
        }
        let identity = check_replaceable(&self.path, &shown)?;
        if identity.is_some() && self.identity.is_some() && identity != self.identity {
            return Err(changed());
        }
        Ok(())
    }
}

/// Whether a resolved `path` is, holds or is inside one of the site's own sources
/// (its [`SITE_FOLDERS`](crate::load::config::SITE_FOLDERS), followed through links, or
/// site.toml); says which.
fn protected_place(root: &Path, path: &Path) -> Result<Option<String>> {
    for protected in crate::load::config::SITE_FOLDERS {
        let inside = |p: &Path| path.starts_with(p) || p.starts_with(path);
        if inside(&root.join(protected)) || inside(&resolve_path(&root.join(protected))?) {
            return Ok(Some(format!(
                "inside the site's {protected}/ folder (or holds it)"
            )));
        }
    }
    let config = root.join(crate::load::config::CONFIG_FILE);
    if path == config || path == resolve_path(&config)? {
        return Ok(Some("the site's configuration file".into()));
    }
    Ok(None)
}

/// Refuses an output path whose last part is a symbolic link. plainsite swaps the output
/// folder whole on every build; swapping a link would delete through it, and building
/// into the folder it points to would replace a folder the user never named. Refusing,
/// and naming the link's target, is the one choice that can lose nothing.
fn refuse_link(output: &Path) -> Result<()> {
    let Some(Component::Normal(name)) = output.components().next_back() else {
        return Ok(());
    };
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let folder = resolve_path(parent)?;
    let at = folder.join(name);
    if std::fs::symlink_metadata(&at).is_ok_and(|m| m.is_symlink()) {
        // A relative target is from the link's folder, not from where the command runs:
        // the folder it names is given in full.
        let target = std::fs::read_link(&at)
            .map(|t| resolve_path(&folder.join(&t)).unwrap_or_else(|_| folder.join(&t)))
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return Err(Error::Refused(format!(
            "the output folder {} is a symbolic link (to {target}); plainsite replaces the output folder on every build and never deletes through a link. Build into the folder it points to with --output \"{target}\", or remove the link",
            output.display()
        )));
    }
    Ok(())
}

/// Refuses a path that exists and is not a folder plainsite may replace; returns the
/// folder's identity if it exists.
fn check_replaceable(path: &Path, shown: &str) -> Result<Option<(u64, u64)>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    if meta.is_symlink() {
        return Err(Error::Refused(format!(
            "the output folder {shown} is a symbolic link; plainsite never deletes through a link"
        )));
    }
    if !meta.is_dir() {
        return Err(Error::Refused(format!(
            "the output path {shown} is a file, not a folder; choose another --output"
        )));
    }
    // Empty, or holding only a person's git repository (kept by every build).
    let empty = std::fs::read_dir(path)
        .map(|d| d.flatten().all(|e| e.file_name() == GIT && has_git(path)))
        .map_err(|e| Error::read(path, e))?;
    if !empty && !has_marker(path) {
        return Err(match owned::looks_made_by_plainsite(path) {
            true => owned::list_missing_error(shown),
            false => Error::Refused(format!(
                "the output folder {shown} already has files that plainsite did not write; plainsite will not replace them. Choose an empty or new folder with --output, or move those files away"
            )),
        });
    }
    Ok(Some(identity(&meta)))
}

/// A git repository a person keeps in the output folder (`git init public`, to publish
/// with GitHub Pages), as Zola's `preserve_dotfiles_in_output` keeps it: not a build's
/// file, so each new output folder takes it over before the swap.
pub(crate) const GIT: &str = ".git";

/// Whether `dir` holds a git repository (a real folder, not a link).
fn has_git(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(GIT)).is_ok_and(|m| m.is_dir())
}

fn has_marker(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(MARKER)).is_ok_and(|m| m.is_file())
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// Checks that `output` is a folder plainsite may replace.
pub fn check_output(root: &Path, output: &Path) -> Result<()> {
    OutputDir::new(root, output).map(|_| ())
}

/// One build writing an output folder: an exclusive lock on `.NAME.plainsite-lock`
/// beside it, held until dropped (the operating system lets it go if the process is
/// killed). The file is removed when the build ends; a killed build's file is taken
/// over by the next one.
///
/// Serve's one-page update may borrow the lock of a build of this same process that
/// serve gave up for a newer change (see [`HeldLock::borrow`]): that build is still
/// ending, but it can no longer swap its folder in, so the edited page is written at
/// once instead of after the build has let go.
struct OutputLock {
    held: Arc<HeldLock>,
    /// Whether this is a one-page update's borrowed share, not the build's own.
    borrowed: bool,
}

/// The lock file and its open handle; shared so that a build given up by the render
/// watchdog can let the lock go while its stuck thread still owns the [`Staging`], and
/// so that a one-page update can borrow it. Let go when its last [`OutputLock`] is
/// dropped, or by the watchdog.
struct HeldLock {
    path: PathBuf,
    file: Mutex<Holders>,
    /// Held while the build checks it is still wanted and swaps its folder in, and by a
    /// one-page update while it borrows the lock: a swap that has started ends before
    /// the borrow, and one that starts later sees the build was given up.
    swap: Mutex<()>,
    /// Serve's cancel flag of the build holding the lock (see [`Staging::cancel_with`]).
    given_up: std::sync::OnceLock<Arc<std::sync::atomic::AtomicBool>>,
}

/// The lock file's handle while held, and how many shares hold it: the build's own
/// (until its [`OutputLock`] is dropped or the watchdog lets it go) and each borrow.
struct Holders {
    file: Option<File>,
    count: usize,
    /// Whether the build's own share has been let go (only once, whichever comes first).
    own_gone: bool,
}

impl Holders {
    /// Lets one share go; the last one removes the file while still holding it, then
    /// unlocks it, so no other build can lock the old file after it is unlocked while a
    /// third makes a new one (two holders).
    fn let_go(&mut self, path: &Path) {
        self.count = self.count.saturating_sub(1);
        if self.count == 0 {
            if let Some(file) = self.file.take() {
                let _ = std::fs::remove_file(path);
                drop(file);
            }
        }
    }

    /// Lets the build's own share go, once.
    fn let_own_go(&mut self, path: &Path) {
        if !std::mem::replace(&mut self.own_gone, true) {
            self.let_go(path);
        }
    }
}

/// The output locks this process holds, for [`HeldLock::borrow`].
static HELD_HERE: Mutex<Vec<std::sync::Weak<HeldLock>>> = Mutex::new(Vec::new());

impl Drop for OutputLock {
    fn drop(&mut self) {
        let mut holders = self.held.holders();
        if self.borrowed {
            holders.let_go(&self.held.path);
        } else {
            holders.let_own_go(&self.held.path);
        }
    }
}

impl HeldLock {
    /// The lock at `path` held by a build of this process that serve gave up, which
    /// can no longer swap its folder in (see [`HeldLock::swap`]).
    fn borrow(path: &Path) -> Option<OutputLock> {
        let here: Vec<Arc<HeldLock>> = HELD_HERE
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .filter_map(std::sync::Weak::upgrade)
            .filter(|h| h.path == path)
            .collect();
        here.into_iter().find_map(|held| {
            let given_up = held.given_up.get()?;
            if !given_up.load(std::sync::atomic::Ordering::SeqCst) {
                return None;
            }
            let _swap = held.swap.lock().unwrap_or_else(|p| p.into_inner());
            {
                let mut holders = held.holders();
                holders.file.as_ref()?;
                holders.count += 1;
            }
            Some(OutputLock {
                held: Arc::clone(&held),
                borrowed: true,
            })
        })
    }

    fn holders(&self) -> std::sync::MutexGuard<'_, Holders> {
        self.file.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Lets the build's own share go (see [`Holders::let_own_go`]): a one-page update
    /// that borrowed the lock keeps holding it, and the file goes with the last share.
    fn release(&self) {
        self.holders().let_own_go(&self.path);
    }
}

impl OutputLock {
    /// Takes the lock; `given_up` is serve's cancel flag of the build taking it, known
    /// from the start so that a one-page update can borrow the lock at any time after.
    fn acquire(
        parent: &Path,
        name: &str,
        shown: &Path,
        given_up: Option<Arc<std::sync::atomic::AtomicBool>>,
    ) -> Result<OutputLock> {
        let path = lock_path(parent, name);
        // The file is made and made known under one lock, which [`interrupted`] takes
        // too: Ctrl+C cannot come between the two and leave the file behind.
        let mut here = HELD_HERE.lock().unwrap_or_else(|p| p.into_inner());
        if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(Error::RenderStopped("this build was interrupted".into()));
        }
        // Another build may remove the file between our open and our lock: lock, then
        // make sure the file locked is still the one at `path`.
        for _ in 0..10 {
            let Some(mut file) = lock_file(&path, shown)? else {
                continue;
            };
            use std::io::Write;
            let _ = file.set_len(0);
            let _ = write!(file, "{}", std::process::id());
            let held = Arc::new(HeldLock {
                path,
                file: Mutex::new(Holders {
                    file: Some(file),
                    count: 1,
                    own_gone: false,
                }),
                swap: Mutex::new(()),
                given_up: given_up.map(std::sync::OnceLock::from).unwrap_or_default(),
            });
            here.retain(|h| h.strong_count() > 0);
            here.push(Arc::downgrade(&held));
            return Ok(OutputLock {
                held,
                borrowed: false,
            });
        }
        Err(Error::Refused(format!(
            "could not lock {}; another plainsite may be writing {}",
            path.display(),
            shown.display()
        )))
    }
}

/// The lock file at `path`, opened (made if missing) and locked; None when another
/// build removed it between the open and the lock (the file locked is not the one at
/// `path` any more).
fn lock_file(path: &Path, shown: &Path) -> Result<Option<std::fs::File>> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::Refused(format!(
            "{} is not a file plainsite made; move it away and build again",
            path.display()
        )));
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(path)
        .map_err(|e| Error::write(path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let pid = std::fs::read_to_string(path).unwrap_or_default();
            return Err(Error::Refused(format!(
                "another plainsite (process {}) is writing {} now; wait for it to finish, or stop it",
                pid.trim(),
                shown.display()
            )));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(Error::write(path, e)),
    }
    let same = match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => identity(&a) == identity(&b),
        _ => false,
    };
    Ok(same.then_some(file))
}

/// The lock file of the output folder `name` in `parent`.
fn lock_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.plainsite-lock"))
}

/// A staging folder made by this build: removed (marker last) unless swapped in.
struct TempFolder {
    path: PathBuf,
    kept: bool,
}

impl TempFolder {
    /// Makes a staging folder beside the output `name` in `parent`, with its marker in
    /// it, known to [`interrupted`] until dropped. It is made, marked and made known
    /// under one lock, which [`interrupted`] takes too: Ctrl+C cannot come between them
    /// and leave it, and the handler never sees it unmarked. (It asks "marked, or
    /// empty?" in two looks; a marker written between them once made the answer "no",
    /// and the folder stayed.)
    fn create(parent: &Path, name: &str) -> Result<TempFolder> {
        let mut here = STAGING_HERE.lock().unwrap_or_else(|p| p.into_inner());
        if INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(Error::RenderStopped("this build was interrupted".into()));
        }
        let path = tempfile::Builder::new()
            .prefix(&format!(".{name}.plainsite-staging-"))
            .tempdir_in(parent)
            .map_err(|e| Error::write(parent, e))?
            .keep();
        let marker = path.join(MARKER);
        if let Err(e) = std::fs::write(&marker, MARKER_TEXT) {
            let _ = std::fs::remove_file(&marker);
            let _ = std::fs::remove_dir(&path);
            return Err(Error::write(marker, e));
        }
        here.push(path.clone());
        Ok(TempFolder { path, kept: false })
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        if !self.kept {
            remove_tree(&self.path);
        }
        // Known to [`interrupted`] while any of it is left (a Ctrl+C may be removing it
        // at the same time): the handler finishes what this removal could not.
        if self.kept || !is_real_dir(&self.path) {
            let mut here = STAGING_HERE.lock().unwrap_or_else(|p| p.into_inner());
            here.retain(|p| *p != self.path);
        }
    }
}

/// The staging folders of this process's builds, for [`interrupted`].
static STAGING_HERE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Folders this process made for itself alone (the one `serve` builds in, in the
/// system's temporary folder; the old output a swap put aside, while it is deleted),
/// removed whole by [`interrupted`].
static SCRATCH_HERE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Has [`interrupted`] remove `dir`, a folder this process made for itself alone.
pub fn remove_when_interrupted(dir: &Path) {
    (SCRATCH_HERE.lock().unwrap_or_else(|p| p.into_inner())).push(dir.to_path_buf());
}

/// Undoes [`remove_when_interrupted`] for `dir`, once it is gone.
fn no_longer_when_interrupted(dir: &Path) {
    (SCRATCH_HERE.lock().unwrap_or_else(|p| p.into_inner())).retain(|d| d != dir);
}

/// Set once the process was interrupted (Ctrl+C, SIGTERM): every write fails from then on.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether Ctrl+C or SIGTERM came: [`interrupted`] is then removing this process's
/// folders, and the handler that called it ends the process when it is done.
pub fn was_interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

/// Held, shared, by each write into a staging folder from its check of [`INTERRUPTED`]
/// to its end. [`interrupted`] takes it whole before it removes the staging folders, so
/// a write already past its check cannot add a file (and its folders) once they are gone.
static WRITING: std::sync::RwLock<()> = std::sync::RwLock::new(());

/// A share of [`WRITING`], for one write. Never taken twice on one thread.
fn writing() -> std::sync::RwLockReadGuard<'static, ()> {
    WRITING.read().unwrap_or_else(|p| p.into_inner())
}

/// On Ctrl+C or SIGTERM: removes the staging folders and the lock files of this
/// process's builds, which would otherwise stay beside the output folder until the next
/// build, and the folders it made for itself alone ([`remove_when_interrupted`]). The output folder itself is never touched: a swap under way ends first, and
/// none starts after (this holds each lock's swap until the process exits). Writes fail
/// from now on, so the pages being written stop adding to a folder being removed.
pub fn interrupted() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
    let held: Vec<Arc<HeldLock>> = HELD_HERE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter_map(std::sync::Weak::upgrade)
        .collect();
    // Held until the process exits: no swap starts after this.
    let swaps: Vec<_> = held
        .iter()
        .map(|h| h.swap.lock().unwrap_or_else(|p| p.into_inner()))
        .collect();
    // After the swaps, which may write while they hold theirs: the writes in flight end.
    let writes = WRITING.write().unwrap_or_else(|p| p.into_inner());
    let staging = STAGING_HERE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    // A folder is made known before its marker is written: an empty one is ours too.
    // Its marker goes only once the rest is gone (see `remove_tree_with`), so a folder
    // the build's own cleanup is removing at the same time is still known for ours.
    for dir in staging.iter().filter(|d| ours_or_empty(d)) {
        // Again while it is still there: the build's own cleanup may be removing it at
        // the same time (a failed write ends the build), or a file written in the
        // meantime (a page, or the list of files a swap was about to make) kept it.
        for _ in 0..25 {
            remove_tree_on_this_thread(dir);
            if !is_real_dir(dir) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    // Only a lock still held: one the render watchdog let go may be another build's now.
    for lock in held.iter().filter(|h| h.holders().file.is_some()) {
        let _ = std::fs::remove_file(&lock.path);
    }
    for dir in SCRATCH_HERE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
    {
        // A person's repository in an old output stays, as `remove_old` leaves it.
        if has_git(&dir.join("old")) {
            continue;
        }
        // std's remove_dir_all does not follow links inside the folder. Tried again: the
        // build's own threads may be removing the same folder (an old output) at once.
        for _ in 0..50 {
            if std::fs::remove_dir_all(dir).is_ok() || !dir.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    std::mem::forget(swaps);
    std::mem::forget(writes);
}

/// An output folder being built.
pub struct Staging {
    output: OutputDir,
    dir: StagingDir,
    /// None for a preview, which writes nothing and so holds no lock.
    _lock: Option<OutputLock>,
    /// Serve's cancel flag for this build: once set, every write fails, so a build
    /// given up for a newer change stops at its next file and lets the folder go.
    cancel: std::sync::OnceLock<Arc<std::sync::atomic::AtomicBool>>,
    /// The files written into a new staging folder, for the marker's list.
    record: owned::Record,
    /// The output folder as it is, compared with its marker's list, once looked at.
    old: std::sync::OnceLock<owned::Old>,
    /// What to say once the disk is full: every write after it fails at once.
    full: std::sync::OnceLock<String>,
    /// The folders made in the staging folder so far (see [`Staging::make_parent`]).
    folders: Mutex<std::collections::HashSet<PathBuf>>,
}

/// A file another command made that a build kept (see [`owned`]): its path in the
/// output folder and the command.
pub type Kept = (String, String);

/// Where a run writes: a new folder swapped in at the end, or (for the dev server's
/// one-page updates) files held in memory and written into the output folder itself only
/// when the run has no errors.
enum StagingDir {
    Temporary(TempFolder),
    InPlace(Mutex<Vec<(String, Vec<u8>)>>),
}

impl Staging {
    /// Prepares a staging folder beside `output`, after checking `output` may be
    /// replaced; removes what interrupted builds left beside it.
    pub fn new(root: &Path, output: &Path) -> Result<Staging> {
        Staging::new_cancellable(root, output, None)
    }

    /// [`Staging::new`] for a build serve can give up with `cancel` (see
    /// [`Staging::cancel_with`]).
    pub fn new_cancellable(
        root: &Path,
        output: &Path,
        cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
    ) -> Result<Staging> {
        let output = OutputDir::new(root, output)?;
        let (parent, name) = output.parent_and_name()?;
        let lock = OutputLock::acquire(&parent, &name, &output.shown, cancel.clone())?;
        remove_leftovers(&parent, &name);
        let dir = TempFolder::create(&parent, &name)?;
        Ok(Staging {
            output,
            dir: StagingDir::Temporary(dir),
            _lock: Some(lock),
            cancel: cancel.map(std::sync::OnceLock::from).unwrap_or_default(),
            record: Default::default(),
            old: Default::default(),
            full: Default::default(),
            folders: Default::default(),
        })
    }

    /// Updates an output folder an earlier run made, for the dev server's updates of
    /// single pages. Files are held until [`Staging::commit`], then each is replaced
    /// whole (written beside it, then renamed), so the server never sends half a page
    /// and a run with errors writes nothing.
    pub fn in_place(root: &Path, output: &Path) -> Result<Staging> {
        let (parent, name) = OutputDir::new(root, output)?.parent_and_name()?;
        let lock = match HeldLock::borrow(&lock_path(&parent, &name)) {
            Some(lock) => lock,
            None => OutputLock::acquire(&parent, &name, output, None)?,
        };
        // The folder is checked under the lock: until the borrow, a build given up may
        // still be swapping its folder in (the output briefly missing or replaced).
        let output = OutputDir::new(root, output)?;
        if !has_marker(output.path()) {
            return Err(Error::Refused(format!(
                "{} has no earlier build to update",
                output.shown.display()
            )));
        }
        Ok(Staging {
            output,
            dir: StagingDir::InPlace(Mutex::default()),
            _lock: Some(lock),
            cancel: Default::default(),
            record: Default::default(),
            old: Default::default(),
            full: Default::default(),
            folders: Default::default(),
        })
    }

    /// Holds a preview's files in memory only, for the page editor's live preview
    /// (`serve --edit`): it never writes (its [`Staging::commit`] is refused), so it
    /// takes no lock and a build may run meanwhile. Read its files with [`Staging::held`].
    pub fn preview(root: &Path, output: &Path) -> Result<Staging> {
        Ok(Staging {
            output: OutputDir::new(root, output)?,
            dir: StagingDir::InPlace(Mutex::default()),
            _lock: None,
            cancel: Default::default(),
            record: Default::default(),
            old: Default::default(),
            full: Default::default(),
            folders: Default::default(),
        })
    }

    /// The bytes a preview (or a one-page update) holds for `rel`, if any.
    pub fn held(&self, rel: &str) -> Option<Vec<u8>> {
        match &self.dir {
            StagingDir::InPlace(pending) => pending
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .iter()
                .rev()
                .find(|(r, _)| r == rel)
                .map(|(_, bytes)| bytes.clone()),
            StagingDir::Temporary(_) => None,
        }
    }

    /// What to run when the render watchdog gives this build up while one of its threads
    /// is stuck: removes the staging folder (on the calling thread: the worker pool may
    /// be the stuck renders) and lets the output's lock go, so the next build can start.
    pub fn abandoner(&self) -> impl FnOnce() + Send + 'static {
        let dir = match &self.dir {
            StagingDir::Temporary(d) => Some(d.path.clone()),
            StagingDir::InPlace(_) => None,
        };
        let held = self._lock.as_ref().map(|l| Arc::clone(&l.held));
        move || {
            if let Some(dir) = dir {
                remove_tree_on_this_thread(&dir);
            }
            if let Some(held) = held {
                held.release();
            }
        }
    }

    /// Ties this build's writes to serve's cancel flag (see [`Staging::write`]).
    pub fn cancel_with(&self, flag: Arc<std::sync::atomic::AtomicBool>) {
        if let (StagingDir::Temporary(_), Some(lock)) = (&self.dir, &self._lock) {
            let _ = lock.held.given_up.set(Arc::clone(&flag));
        }
        let _ = self.cancel.set(flag);
    }

    /// An error once serve has given this build up for a newer change.
    fn still_wanted(&self) -> Result<()> {
        if INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(Error::RenderStopped("this build was interrupted".into()));
        }
        match self.cancel.get() {
            Some(flag) if flag.load(std::sync::atomic::Ordering::Relaxed) => Err(
                Error::RenderStopped("this build was stopped for a newer change".into()),
            ),
            _ => Ok(()),
        }
    }

    /// `e`, or the one disk-full problem of the build when `e` says the disk is full.
    fn when_full(&self, e: Error) -> Error {
        match &e {
            Error::Read { source, .. } | Error::Write { source, .. }
                if source.kind() == std::io::ErrorKind::StorageFull =>
            {
                Error::DiskFull(self.full.get_or_init(|| self.disk_full()).clone())
            }
            _ => e,
        }
    }

    /// What to say when the disk is full: which folder, how much the last good output
    /// takes (about what the new one needs), and that it was left as it was.
    fn disk_full(&self) -> String {
        let folder = self.output.shown.display();
        // A deploy's .git history in the folder is kept, not built: not counted.
        let last: u64 = walkdir::WalkDir::new(self.output.path())
            .into_iter()
            .filter_entry(|e| !(e.depth() == 1 && e.file_name() == GIT))
            .filter_map(|e| e.ok()?.metadata().ok())
            .filter(|m| m.is_file())
            .map(|m| m.len())
            .sum();
        let needed = if last > 0 {
            format!(
                " The last build's files take {:.1} MB; the new ones need about as much, free.",
                last as f64 / 1e6
            )
        } else {
            String::new()
        };
        format!("the disk is full: the site could not be written beside {folder}, which was left as it was.{needed} Free some space on the disk, then build again")
    }

    /// Whether the folder is a new one, removed if the run does not finish.
    pub fn is_temporary(&self) -> bool {
        matches!(self.dir, StagingDir::Temporary(_))
    }

    /// The folder being written.
    pub fn path(&self) -> &Path {
        match &self.dir {
            StagingDir::Temporary(d) => &d.path,
            StagingDir::InPlace(_) => self.output.path(),
        }
    }

    /// The resolved output folder.
    pub fn output(&self) -> &Path {
        self.output.path()
    }

    /// Writes a file at `rel` (a `/`-separated path) inside the staging folder.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let _writing = writing();
        self.still_wanted()?;
        match &self.dir {
            StagingDir::Temporary(d) => {
                if let Some(full) = self.full.get() {
                    return Err(Error::DiskFull(full.clone()));
                }
                let path = safe_join(&d.path, rel)?;
                let shown = |e| self.when_full(self.shown_at(rel, e));
                self.make_parent(&path).map_err(shown)?;
                std::fs::write(&path, bytes).map_err(|e| shown(Error::write(&path, e)))?;
                self.record.add(&d.path, rel);
                Ok(())
            }
            StagingDir::InPlace(pending) => {
                safe_join(self.output.path(), rel)?;
                pending
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push((rel.to_string(), bytes.to_vec()));
                Ok(())
            }
        }
    }

    /// A problem writing `rel` said at its place in the output folder, as the person
    /// named the folder: the staging folder is the build's own (and its name a
    /// stranger's to them).
    fn shown_at(&self, rel: &str, e: Error) -> Error {
        match e {
            Error::Write { source, .. } => Error::write(self.output.shown.join(rel), source),
            other => other,
        }
    }

    /// Makes the folder that holds `path` (a file of the staging folder), once: a build
    /// writes thousands of files into hundreds of folders, and `create_dir_all` on a
    /// folder that is there already costs two system calls (it tries, then looks).
    fn make_parent(&self, path: &Path) -> Result<()> {
        let Some(folder) = path.parent() else {
            return Ok(());
        };
        let folders = || self.folders.lock().unwrap_or_else(|p| p.into_inner());
        if folders().contains(folder) {
            return Ok(());
        }
        std::fs::create_dir_all(folder).map_err(|e| Error::write(folder, e))?;
        folders().insert(folder.to_path_buf());
        Ok(())
    }

    /// The file at `rel` in the output folder as the last build left it, if it is a
    /// regular file (not a link that could point outside the folder).
    pub fn previous(&self, rel: &str) -> Option<PathBuf> {
        let path = safe_join(self.output.path(), rel).ok()?;
        std::fs::symlink_metadata(&path)
            .ok()
            .filter(|m| m.is_file())
            .map(|_| path)
    }

    /// Every file the last build left in the output folder, as `/`-separated paths.
    pub fn previous_files(&self) -> std::collections::HashSet<String> {
        let dir = self.output.path();
        walkdir::WalkDir::new(dir)
            .follow_links(false)
            .into_iter()
            .filter_entry(|e| !(e.depth() == 1 && e.file_name() == GIT))
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(dir).ok()?;
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                Some(parts.join("/"))
            })
            .collect()
    }

    /// Copies a file into the staging folder at `rel`.
    pub fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        self.still_wanted()?;
        if !self.is_temporary() {
            let bytes = std::fs::read(from).map_err(|e| Error::read(from, e))?;
            return self.write(rel, &bytes);
        }
        let _writing = writing();
        self.still_wanted()?;
        let to = safe_join(self.path(), rel)?;
        self.make_parent(&to).map_err(|e| self.shown_at(rel, e))?;
        if let Some(full) = self.full.get() {
            return Err(Error::DiskFull(full.clone()));
        }
        std::fs::copy(from, &to).map_err(|e| {
            // The file to copy is there: the problem is the copy's.
            let problem = match std::fs::metadata(from) {
                Ok(_) => self.shown_at(rel, Error::write(&to, e)),
                Err(_) => Error::read(from, e),
            };
            self.when_full(problem)
        })?;
        self.record.add(self.path(), rel);
        Ok(())
    }

    /// Keeps the last build's file `previous` (from [`Staging::previous`]) at `rel` in this
    /// build. A new staging folder gets a hard link to it, so a build that reuses many
    /// unchanged pictures copies no bytes; where the file system refuses a link (another
    /// device), it gets a copy. Only files of the output folder are linked: a link to a
    /// source file would let a later change in the output reach the author's files. An
    /// in-place update already has the file, so it does nothing.
    pub fn keep(&self, previous: &Path, rel: &str) -> Result<()> {
        if !self.is_temporary() {
            return Ok(());
        }
        if !previous.starts_with(self.output.path()) {
            return self.copy(previous, rel);
        }
        let linked = {
            let _writing = writing();
            self.still_wanted()?;
            let to = safe_join(self.path(), rel)?;
            self.make_parent(&to).map_err(|e| self.shown_at(rel, e))?;
            std::fs::hard_link(previous, &to).is_ok()
        };
        if !linked {
            return self.copy(previous, rel);
        }
        self.record.add(self.path(), rel);
        Ok(())
    }

    /// Records files another command (`command`, e.g. `plainsite brief`) wrote into the
    /// staging folder itself: later builds keep them (see [`owned`]).
    pub fn record_made(&self, rels: &[String], command: &str) {
        self.record.add_made(self.path(), rels, command);
    }

    /// Records files the build itself wrote into the staging folder without
    /// [`Staging::write`] (a brief's Word file): the next build knows them as its own,
    /// and keeps no older copy of them that another command made.
    pub fn record_written(&self, rels: &[String]) {
        for rel in rels {
            self.record.add(self.path(), rel);
        }
    }

    /// Refuses to replace an output folder that holds files plainsite did not write
    /// (see [`owned`]), or to update one page in it: the full build after the update
    /// would stop, and the folder would hold a page of a site that never built.
    /// [`Staging::commit`] checks it too; a command checks it first when it has slow
    /// work to do before the swap.
    pub fn check_old(&self) -> Result<()> {
        let old = self.old.get_or_init(|| owned::old(self.output.path()));
        if !old.open.is_empty() {
            return Err(owned::open_error(&self.output.shown, &old.open));
        }
        if !old.strangers.is_empty() {
            return Err(owned::strangers_error(&self.output.shown, &old.strangers));
        }
        if !old.changed.is_empty() {
            return Err(owned::changed_error(&self.output.shown, &old.changed));
        }
        let written = self.record.paths();
        let earlier: Vec<String> = old
            .earlier
            .iter()
            .filter(|rel| !written.contains(rel.as_str()))
            .cloned()
            .collect();
        match earlier.is_empty() || !self.is_temporary() {
            true => Ok(()),
            false => Err(owned::earlier_error(&self.output.shown, &earlier)),
        }
    }

    /// Keeps in the staging folder the files another command made in the output folder
    /// that this build did not write itself; returns them. A file this build cannot
    /// keep (it writes a file or folder in its way; the disk is full) stops the swap, so
    /// it is never lost without a word.
    fn carry_forward(&self) -> Result<Vec<Kept>> {
        let made = self.old.get().map_or(&[][..], |o| &o.made[..]);
        if made.is_empty() {
            return Ok(Vec::new());
        }
        let written = self.record.paths();
        let mut kept = Vec::new();
        for (rel, command) in made {
            if written.contains(rel.as_str()) {
                continue;
            }
            let Some(previous) = self.previous(rel) else {
                continue;
            };
            if let Some(way) = self.in_the_way(rel) {
                return Err(owned::in_the_way_error(
                    &self.output.shown,
                    rel,
                    command,
                    &way,
                ));
            }
            self.keep(&previous, rel)?;
            self.record
                .add_made(self.path(), std::slice::from_ref(rel), command);
            kept.push((rel.clone(), command.clone()));
        }
        Ok(kept)
    }

    /// What this build wrote where the file `rel` would go: a folder at its place, or a
    /// file at the place of one of its folders (`/`-separated, in the output folder).
    fn in_the_way(&self, rel: &str) -> Option<String> {
        let mut at = self.path().to_path_buf();
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        for (i, part) in parts.iter().enumerate() {
            at.push(part);
            let Ok(meta) = std::fs::symlink_metadata(&at) else {
                return None;
            };
            let last = i + 1 == parts.len();
            if last == meta.is_dir() {
                return Some(parts[..=i].join("/"));
            }
        }
        None
    }

    /// Replaces the output folder with the staging folder (or writes the held files of a
    /// one-page update). Until this returns, the old output is untouched; a failed swap
    /// puts it back. The files another command made that this build kept are returned.
    pub fn commit(mut self) -> Result<Vec<Kept>> {
        let Some(lock) = &self._lock else {
            return Err(Error::Refused("a preview writes nothing".into()));
        };
        // Serve may give this build up until the swap starts, not during it.
        let held = Arc::clone(&lock.held);
        let swap = held.swap.lock().unwrap_or_else(|p| p.into_inner());
        if self.is_temporary() {
            self.still_wanted()?;
        }
        self.output.recheck()?;
        // Walked here, just before the swap (again, if a command looked before printing
        // its brief): a file put there while the pages were written, or while the brief
        // was printed, is somebody's too.
        self.old = std::sync::OnceLock::new();
        self.check_old()?;
        let kept = self.carry_forward()?;
        let mut staged = match self.dir {
            StagingDir::Temporary(d) => d,
            StagingDir::InPlace(pending) => {
                let pending = pending.into_inner().unwrap_or_else(|p| p.into_inner());
                let rels: Vec<String> = pending.iter().map(|(rel, _)| rel.clone()).collect();
                for (rel, bytes) in pending {
                    replace_under(self.output.path(), &rel, &bytes)?;
                }
                owned::add_to_list(self.output.path(), &rels)?;
                return Ok(kept);
            }
        };
        let marker = staged.path.join(MARKER);
        std::fs::write(&marker, self.record.marker()).map_err(|e| Error::write(&marker, e))?;
        let output = self.output.path();
        let (parent, name) = self.output.parent_and_name()?;
        if std::fs::symlink_metadata(output).is_ok() {
            let holder = tempfile::Builder::new()
                .prefix(&format!(".{name}.plainsite-old-"))
                .tempdir_in(&parent)
                .map_err(|e| Error::write(&parent, e))?
                .keep();
            // Ctrl+C from here on: the handler, once the swap has ended, removes it.
            remove_when_interrupted(&holder);
            let old = holder.join("old");
            if let Err(e) = std::fs::rename(output, &old) {
                let _ = std::fs::remove_dir(&holder);
                no_longer_when_interrupted(&holder);
                return Err(Error::write(output, e));
            }
            if let Err(e) = std::fs::rename(&staged.path, output) {
                let _ = std::fs::rename(&old, output);
                let _ = std::fs::remove_dir(&holder);
                no_longer_when_interrupted(&holder);
                return Err(Error::write(output, e));
            }
            staged.kept = true;
            // A person's repository goes into the new output before the swap ends: Ctrl+C's
            // handler, which waits for the swap, then finds only plainsite's files in the
            // old folder, and removes it.
            move_git(&old, output);
            // The new output is in: a borrow need not wait while the old one is deleted.
            drop(swap);
            remove_old(&holder, output);
            no_longer_when_interrupted(&holder);
        } else {
            std::fs::rename(&staged.path, output).map_err(|e| Error::write(output, e))?;
            staged.kept = true;
        }
        Ok(kept)
    }
}

/// Removes the staging and old folders that earlier, interrupted builds of this output
/// left beside it. Called under the output's lock, so no live build is using them; only
/// real folders (not links) with plainsite's names for this output, holding plainsite's
/// marker or nothing, are removed. The first plainsite versions named old folders
/// `.plainsite-old-*` whatever the output; those are removed too when they hold only an
/// old output of plainsite's. A build stopped between the swap's two renames left no
/// output folder and the last one in its old folder: that one is put back first (see
/// [`put_back_old`]), so the files other commands made in it are kept, not removed.
fn remove_leftovers(parent: &Path, name: &str) {
    const EARLIER_OLD: &str = ".plainsite-old-";
    let staging = format!(".{name}.plainsite-staging-");
    let old = format!(".{name}.plainsite-old-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut holders = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if !is_real_dir(&path) {
            continue;
        }
        if file_name.starts_with(&staging) && ours_or_empty(&path) {
            remove_tree(&path);
        } else if (file_name.starts_with(&old) || file_name.starts_with(EARLIER_OLD))
            && is_old_holder(&path)
        {
            holders.push((file_name.starts_with(&old), path));
        }
    }
    let output = parent.join(name);
    put_back_old(&holders, &output);
    for (_, holder) in holders {
        remove_old(&holder, &output);
    }
}

/// When the output folder is missing, puts back the newest old output of its own name
/// among `holders` (each said to have the output's name or not): a build stopped
/// between the swap's two renames (killed, the power cut) left it there.
fn put_back_old(holders: &[(bool, PathBuf)], output: &Path) {
    if std::fs::symlink_metadata(output).is_ok() {
        return;
    }
    let modified = |h: &PathBuf| std::fs::symlink_metadata(h).and_then(|m| m.modified()).ok();
    let newest = (holders.iter())
        .filter(|(own_name, holder)| *own_name && is_real_dir(&holder.join("old")))
        .max_by_key(|(_, holder)| modified(holder));
    if let Some((_, holder)) = newest {
        if std::fs::rename(holder.join("old"), output).is_ok() {
            let _ = std::fs::remove_dir(holder);
        }
    }
}

fn is_real_dir(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

fn is_empty_dir(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

/// Whether `dir` is plainsite's: marked, or empty. Empty is asked first: a marker
/// written between the two looks is then seen by the second, where the other order
/// would miss it (not marked yet, then not empty).
fn ours_or_empty(dir: &Path) -> bool {
    is_empty_dir(dir) || has_marker(dir)
}

/// An old-output holder: empty, or holding only `old`, a real folder of plainsite's.
fn is_old_holder(holder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(holder) else {
        return false;
    };
    let names: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    match names.as_slice() {
        [] => true,
        [only] if only == "old" => {
            let old = holder.join("old");
            // An output that was only a person's repository (`git init public`) has no
            // marker yet: it is recognised, so the repository is handed back.
            let only_git =
                || std::fs::read_dir(&old).is_ok_and(|d| d.flatten().all(|e| e.file_name() == GIT));
            is_real_dir(&old) && (ours_or_empty(&old) || only_git())
        }
        _ => false,
    }
}

/// Removes an old-output holder and the old output in it.
fn remove_old(holder: &Path, output: &Path) {
    let old = holder.join("old");
    if !is_real_dir(&old) {
        let _ = std::fs::remove_dir(holder);
        return;
    }
    // A person's repository goes into the new output, never with the old one. One that
    // cannot be moved (the output has one already) keeps the old folder where it is.
    if !move_git(&old, output) {
        return;
    }
    remove_tree(&old);
    let _ = std::fs::remove_dir(holder);
}

/// Moves the `.git` folder of an old output into the new one; false when the old one
/// still has one (the new output had its own, or the move failed).
fn move_git(old: &Path, output: &Path) -> bool {
    if !has_git(old) {
        return true;
    }
    !has_git(output) && std::fs::rename(old.join(GIT), output.join(GIT)).is_ok()
}

/// Removes a folder plainsite made, with every core (a big site has thousands of
/// folders), never following a link, and its marker file last: a removal cut short
/// leaves a folder still recognisable as plainsite's, for the next build to finish.
pub(crate) fn remove_tree(dir: &Path) {
    remove_tree_with(dir, true);
}

/// [`remove_tree`] on the calling thread only, for a thread that must not wait on the
/// worker pool: the render watchdog, whose pool workers may be the very renders that
/// are stuck (waiting on them would never end).
pub(crate) fn remove_tree_on_this_thread(dir: &Path) {
    remove_tree_with(dir, false);
}

fn remove_tree_with(dir: &Path, parallel: bool) {
    use rayon::prelude::*;
    if !is_real_dir(dir) {
        return;
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    let remove = |p: &PathBuf| {
        if p.file_name().is_some_and(|n| n == MARKER) {
            return;
        }
        // std's remove_dir_all does not follow links inside the folder.
        let _ = if is_real_dir(p) {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        };
    };
    if parallel {
        entries.par_iter().for_each(remove);
    } else {
        entries.iter().for_each(remove);
    }
    // The marker goes last, and only from a folder that holds nothing else: a folder
    // left half removed (a file written meanwhile) keeps it, so that Ctrl+C's handler
    // and the next build still know it for plainsite's and remove it.
    if only_marker_in(dir) {
        let _ = std::fs::remove_file(dir.join(MARKER));
        let _ = std::fs::remove_dir(dir);
    }
}

/// Whether `dir` holds nothing but, perhaps, plainsite's marker.
fn only_marker_in(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .is_ok_and(|mut names| names.all(|e| e.is_ok_and(|e| e.file_name() == MARKER)))
}

/// Replaces the file at `rel` under `base` whole: written to a hidden file beside it,
/// then renamed over it (a link there is replaced, never written through).
pub fn replace_under(base: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = safe_join(base, rel)?;
    let dir = path.parent().unwrap_or(base);
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".plainsite-");
    // Readable by a web server, as a build's files are (a temporary file is the
    // owner's alone); the user's umask applies, as to every file a build writes.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::write(dir, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::write(&path, e))?;
    tmp.persist(&path)
        .map_err(|e| Error::write(&path, e.error))?;
    Ok(())
}

/// Outputs write through this (see [`crate::outputs::Store`]).
impl crate::outputs::Store for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, rel, bytes)
    }
    fn previous(&self, rel: &str) -> Option<PathBuf> {
        Staging::previous(self, rel)
    }
    fn copy(&self, from: &Path, rel: &str) -> Result<()> {
        Staging::copy(self, from, rel)
    }
    fn keep(&self, previous: &Path, rel: &str) -> Result<()> {
        Staging::keep(self, previous, rel)
    }
    fn is_temporary(&self) -> bool {
        Staging::is_temporary(self)
    }
    fn path(&self) -> &Path {
        Staging::path(self)
    }
}

/// Writes a file outside the output folder that the user named (the author report).
/// The path is resolved first; a place inside the site's sources is refused, and the
/// file is written beside its place and renamed over it, so a link there is replaced,
/// never written through.
pub fn write_file(root: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    // The folder is resolved, the name is not: a link there is replaced by the file.
    let Some(Component::Normal(name)) = path.components().next_back() else {
        return Err(Error::Refused(format!(
            "{} is not a file name",
            path.display()
        )));
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let resolved = resolve_path(parent)?.join(name);
    let root = resolve_path(root)?;
    if let Some(place) = protected_place(&root, &resolved)? {
        return Err(Error::Refused(format!(
            "{} is {place}; plainsite will not write over the site's own files. Choose a file outside it",
            path.display()
        )));
    }
    if std::fs::symlink_metadata(&resolved).is_ok_and(|m| m.is_dir()) {
        return Err(Error::Refused(format!(
            "{} is a folder; name a file",
            path.display()
        )));
    }
    let dir = resolved.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.plainsite-", name.to_string_lossy()))
        .tempfile_in(dir)
        .map_err(|e| Error::write(dir, e))?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| Error::write(path, e))?;
    tmp.persist(&resolved)
        .map_err(|e| Error::write(path, e.error))?;
    Ok(())
}

/// [`write_file`], over an existing file only when `ours` says plainsite wrote it (an
/// earlier report): a report named after someone's notes, or the site's CREDITS.md,
/// never replaces them.
pub fn write_over_own(
    root: &Path,
    path: &Path,
    bytes: &[u8],
    ours: impl Fn(&[u8]) -> bool,
) -> Result<()> {
    const MOST: u64 = 256 << 20;
    let refuse = |what: &str| {
        Err(Error::Refused(format!(
            "{} is {what}; it would be lost under the report, so nothing was written. Name a new file, or move that one away first",
            path.display()
        )))
    };
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return write_file(root, path, bytes),
        Err(_) => return refuse("a file plainsite cannot read"),
        Ok(m) if m.is_dir() => return refuse("a folder"),
        Ok(m) if !m.is_file() => return refuse("not a plain file (a link, a device or a pipe)"),
        Ok(m) if m.len() > MOST => return refuse("a file plainsite did not write"),
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(old) if ours(&old) => write_file(root, path, bytes),
        Ok(_) => refuse("a file plainsite did not write"),
        Err(_) => refuse("a file plainsite cannot read"),
    }
}

/// Refuses a file (`what`, e.g. the author report) inside the output folder, or inside
/// any folder a build wrote (it holds [`MARKER`], as `build -o elsewhere` leaves): it
/// would be published with the site, and the next build there would stop at it.
pub fn refuse_in_output(path: &Path, output: &Path, what: &str) -> Result<()> {
    refuse_in_default_output(path, output, what)?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let Ok(at) = resolve_path(parent) else {
        return Ok(());
    };
    if let Some(built) = at.ancestors().find(|a| a.join(MARKER).is_file()) {
        return Err(Error::Refused(format!(
            "{} is in {}, a folder a build wrote (it has {MARKER}): {what} would be published with it, and the next build there would stop. Name a file outside it",
            path.display(),
            built.display()
        )));
    }
    Ok(())
}

/// Refuses a file inside the site's own output folder, built yet or not.
fn refuse_in_default_output(path: &Path, output: &Path, what: &str) -> Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(at), Ok(output)) = (resolve_path(parent), resolve_path(output)) else {
        return Ok(());
    };
    if at.starts_with(&output) {
        return Err(Error::Refused(format!(
            "{} is in the output folder {}: {what} would be published with the site. Name a file outside it",
            path.display(),
            output.display()
        )));
    }
    Ok(())
}

/// Joins a relative output path, refusing any that would leave `base`, and any inside
/// the `.git` folder at its top, where a person's repository of the output is kept
/// (every build hands it on; a file written there would take its place).
fn safe_join(base: &Path, rel: &str) -> Result<PathBuf> {
    let mut path = base.to_path_buf();
    let mut parts = rel.split('/').filter(|p| !p.is_empty() && *p != ".");
    if parts
        .clone()
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case(GIT))
    {
        return Err(Error::Refused(format!(
            "the output path {rel} is inside {GIT}, where the output folder's own git repository is kept: plainsite never writes there"
        )));
    }
    for part in &mut parts {
        if part == ".." {
            return Err(Error::Refused(format!(
                "the output path {rel} would leave the output folder"
            )));
        }
        path.push(part);
    }
    Ok(path)
}

/// Minifies a page with minify-html's safe settings (as Zola uses them: JavaScript is
/// left alone), for `minify = "smallest"`.
#[cfg(feature = "minify")]
pub fn minify(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Without the `minify` feature (no minify-html), "smallest" uses the one-pass minifier.
#[cfg(not(feature = "minify"))]
pub fn minify(html: &str) -> Vec<u8> {
    crate::outputs::minify::minify(html)
}

/// What a build with `minify = "smallest"` says once when this plainsite has no
/// minify-html (the `minify` feature is not a default): a suggestion, which never fails
/// a build.
pub fn smallest_note() -> Option<crate::text::diagnostics::Diagnostic> {
    if cfg!(feature = "minify") {
        return None;
    }
    let note = crate::text::diagnostics::Diagnostic::suggestion(
        "minify = \"smallest\" uses the one-pass minifier of minify = true: this plainsite was installed without minify-html",
    )
    .help("for the smallest pages, install plainsite with `cargo install --path . --features minify`")
    .in_file(crate::load::config::CONFIG_FILE);
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_output_path_reaches_into_the_repository_kept_in_the_output_folder() {
        let base = Path::new("/out");
        for rel in [".git/index.html", "/.git/HEAD", "./.GIT/hooks/x", ".Git"] {
            let refused = safe_join(base, rel);
            assert!(
                matches!(&refused, Err(Error::Refused(m)) if m.contains("git repository")),
                "{rel}: {refused:?}"
            );
        }
        for rel in [
            "news/.git/index.html",
            ".github/x",
            ".gitignore",
            "a/b.html",
        ] {
            assert!(safe_join(base, rel).is_ok(), "{rel}");
        }
        assert!(safe_join(base, "a/../../x").is_err());
    }

    #[test]
    fn a_report_in_any_folder_a_build_wrote_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("sub")).unwrap();
        let public = dir.path().join("public");
        let report = elsewhere.join("sub/report.html");
        assert!(refuse_in_output(&report, &public, "the author report").is_ok());
        std::fs::write(elsewhere.join(MARKER), "").unwrap();
        let err = refuse_in_output(&report, &public, "the author report").unwrap_err();
        assert!(err.to_string().contains("a folder a build wrote"), "{err}");
        assert!(refuse_in_output(&dir.path().join("r.html"), &public, "it").is_ok());
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("docs")).unwrap();
        std::fs::write(root.join("docs/keep.txt"), "mine").unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, dir.path()).is_err());
        assert!(check_output(&root, &root.join("content")).is_err());
        assert!(check_output(&root, &root.join("content/out")).is_err());
        assert!(check_output(&root, &root.join("docs")).is_err());
        assert!(check_output(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn output_in_the_sites_fonts_or_i18n_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for folder in ["fonts", "i18n", "fonts/out"] {
            let err = check_output(&root, &root.join(folder)).unwrap_err();
            let top = folder.split('/').next().unwrap_or(folder);
            assert!(
                err.to_string()
                    .contains(&format!("the site's {top}/ folder")),
                "{err}"
            );
        }
    }

    #[test]
    fn a_full_disk_is_one_problem_for_every_file_and_the_last_output_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let s = Staging::new(root, &out).unwrap();
        s.write("index.html", b"last good").unwrap();
        s.commit().unwrap();
        let s = Staging::new(root, &out).unwrap();
        // A file whose writes fail as on a full disk.
        std::os::unix::fs::symlink("/dev/full", s.path().join("a.html")).unwrap();
        let errors: Vec<String> = ["a.html", "b.html", "c/d.html"]
            .iter()
            .map(|rel| s.write(rel, b"new").unwrap_err())
            .map(|e| {
                assert!(matches!(e, Error::DiskFull(_)), "{e}");
                let d = e.diagnostic_of("content/x.md");
                assert!(d.file().is_none(), "the disk, not the file: {d:?}");
                d.message
            })
            .collect();
        assert!(errors.iter().all(|e| *e == errors[0]), "{errors:?}");
        assert!(errors[0].contains("the disk is full"), "{errors:?}");
        assert!(errors[0].contains("public"), "{errors:?}");
        assert!(errors[0].contains("0.0 MB"), "{errors:?}");
        drop(s);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"last good");
    }

    #[test]
    fn a_full_disk_says_what_the_last_build_wrote_not_the_size_of_a_kept_git_history() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(dir.path(), &out).unwrap();
        s.write("index.html", b"last good").unwrap();
        s.commit().unwrap();
        std::fs::create_dir_all(out.join(".git/objects")).unwrap();
        let pack = std::fs::File::create(out.join(".git/objects/pack")).unwrap();
        pack.set_len(5_000_000).unwrap();
        let s = Staging::new(dir.path(), &out).unwrap();
        std::os::unix::fs::symlink("/dev/full", s.path().join("a.html")).unwrap();
        let message = s.write("a.html", b"new").unwrap_err().to_string();
        assert!(message.contains("take 0.0 MB"), "{message}");
    }

    #[test]
    fn a_kept_picture_is_linked_from_the_last_output_not_copied_and_sources_never_are() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let s = Staging::new(root, &out).unwrap();
        s.write("charts/a.png", b"png").unwrap();
        s.commit().unwrap();
        let s = Staging::new(root, &out).unwrap();
        let previous = s.previous("charts/a.png").unwrap();
        s.keep(&previous, "charts/a.png").unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&s.path().join("charts/a.png")), ino(&previous));
        // A file from outside the output folder is copied, never linked.
        std::fs::write(root.join("photo.jpg"), b"jpg").unwrap();
        s.keep(&root.join("photo.jpg"), "photo.jpg").unwrap();
        assert_ne!(
            ino(&s.path().join("photo.jpg")),
            ino(&root.join("photo.jpg"))
        );
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("charts/a.png")).unwrap(), b"png");
        assert_eq!(std::fs::read(root.join("photo.jpg")).unwrap(), b"jpg");
    }

    #[test]
    fn commit_swaps_and_failure_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let out = root.join("public");
        let s = Staging::new(root, &out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        // A second build that is dropped (failed) leaves the first output as it was.
        let s = Staging::new(root, &out).unwrap();
        s.write("a/index.html", b"two").unwrap();
        let staged = s.path().to_path_buf();
        drop(s);
        assert!(!staged.exists());
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"one");
        // A successful one replaces it, stale files included.
        let s = Staging::new(root, &out).unwrap();
        s.write("b.html", b"three").unwrap();
        s.commit().unwrap();
        assert!(!out.join("a").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_one_page_update_borrows_the_lock_of_a_build_given_up_which_then_cannot_swap() {
        use std::sync::atomic::Ordering;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let (out, running, flag) = running_build(root);
        std::fs::create_dir_all(running.path().join("a")).unwrap();
        std::fs::write(running.path().join("a/index.html"), b"stale").unwrap();
        // While the build is wanted, nobody else may write the output.
        assert!(Staging::in_place(root, &out).is_err());
        flag.store(true, Ordering::SeqCst);
        let update = Staging::in_place(root, &out).unwrap();
        update.write("a/index.html", b"edited").unwrap();
        update.commit().unwrap();
        assert!(running.commit().is_err(), "a build given up never swaps");
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"edited");
        // Once both are done the lock is free, its file gone, and no folder is left.
        let next = Staging::new(root, &out).unwrap();
        drop(next);
        let left: Vec<_> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, [std::ffi::OsString::from("public")]);
    }

    /// A site with one built page and a build of it running, with serve's cancel flag.
    fn running_build(root: &Path) -> (PathBuf, Staging, Arc<std::sync::atomic::AtomicBool>) {
        let out = root.join("public");
        let s = Staging::new(root, &out).unwrap();
        s.write("a/index.html", b"one").unwrap();
        s.commit().unwrap();
        let running = Staging::new(root, &out).unwrap();
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        running.cancel_with(Arc::clone(&flag));
        (out, running, flag)
    }

    /// [`running_build`], which serve has given up.
    fn given_up_build(root: &Path) -> (PathBuf, Staging) {
        let (out, running, flag) = running_build(root);
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        (out, running)
    }

    #[test]
    fn the_watchdogs_cleanup_keeps_the_lock_while_a_borrowing_update_writes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let (out, running) = given_up_build(root);
        let update = Staging::in_place(root, &out).unwrap();
        // The watchdog lets the stuck build go, then its thread ends after all.
        running.abandoner()();
        drop(running);
        let lock = lock_path(root, "public");
        assert!(lock.is_file(), "the update still holds the lock file");
        assert!(
            Staging::new(root, &out).is_err(),
            "no build may write the output while the update does"
        );
        update.write("a/index.html", b"edited").unwrap();
        update.commit().unwrap();
        assert!(!lock.exists(), "the last share removes the lock file");
        assert!(Staging::new(root, &out).is_ok());
    }

    #[test]
    fn a_one_page_update_started_during_a_given_up_builds_swap_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let (out, running) = given_up_build(&root);
        let held = Arc::clone(&running._lock.as_ref().unwrap().held);
        // The build is mid-swap: it holds `swap` and the output is moved away.
        let swap = held.swap.lock().unwrap();
        let away = root.join("away");
        std::fs::rename(&out, &away).unwrap();
        let update = {
            let (root, out) = (root.clone(), out.clone());
            std::thread::spawn(move || {
                let update = Staging::in_place(&root, &out)?;
                update.write("a/index.html", b"edited")?;
                update.commit()
            })
        };
        // Gives the update time to reach the lock (the test passes either way once
        // fixed; before, an update that looked at the folder here failed).
        for _ in 0..50 {
            if update.is_finished() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        std::fs::rename(&away, &out).unwrap();
        drop(swap);
        update.join().unwrap().unwrap();
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"edited");
    }

    /// A site folder with content/ and themes/, and a folder beside it with a file.
    fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("themes")).unwrap();
        std::fs::write(root.join("content/_index.md"), "home").unwrap();
        let victim = dir.path().join("victim");
        std::fs::create_dir_all(&victim).unwrap();
        std::fs::write(victim.join("keep.txt"), "mine").unwrap();
        (dir, root, victim)
    }

    #[test]
    fn a_folder_an_earlier_plainsite_wrote_is_replaced_only_when_the_build_makes_every_file() {
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        std::fs::create_dir_all(out.join("old")).unwrap();
        std::fs::write(out.join(MARKER), "This folder is written by plainsite.\n").unwrap();
        for (file, text) in [
            ("index.html", "old home"),
            ("CNAME", "example.org"),
            ("old/index.html", "a page taken down"),
            (".DS_Store", "x"),
        ] {
            std::fs::write(out.join(file), text).unwrap();
        }
        let s = Staging::new(&root, &out).unwrap();
        s.write("index.html", b"new home").unwrap();
        let err = s.commit().unwrap_err().to_string();
        assert!(
            err.contains("was written by an earlier plainsite, which kept no list of its files, and has 2 files this build does not make: ")
                && err.contains("public/CNAME, ")
                && err.contains("public/old/index.html. Nothing was changed"),
            "{err}"
        );
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old home");
        assert_eq!(std::fs::read(out.join("CNAME")).unwrap(), b"example.org");
        // Once the person has dealt with them, the folder is replaced, and listed.
        std::fs::remove_file(out.join("CNAME")).unwrap();
        std::fs::remove_dir_all(out.join("old")).unwrap();
        let s = Staging::new(&root, &out).unwrap();
        s.write("index.html", b"new home").unwrap();
        assert_eq!(s.commit().unwrap(), []);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"new home");
        assert!(std::fs::read_to_string(out.join(MARKER))
            .unwrap()
            .contains("index.html"));
    }

    #[test]
    fn a_git_repository_in_the_output_folder_is_kept_by_every_build() {
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        std::fs::create_dir_all(out.join(".git/refs")).unwrap();
        std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
        for page in ["one", "two"] {
            let s = Staging::new(&root, &out).unwrap();
            s.write("index.html", page.as_bytes()).unwrap();
            assert_eq!(s.commit().unwrap(), []);
            assert_eq!(
                std::fs::read(out.join("index.html")).unwrap(),
                page.as_bytes()
            );
            assert_eq!(
                std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
                "ref: refs/heads/main\n"
            );
        }
        let marker = std::fs::read_to_string(out.join(MARKER)).unwrap();
        assert!(!marker.contains(".git"), "{marker}");
        // A file someone put beside it still stops the build.
        std::fs::write(out.join("CNAME"), "x").unwrap();
        let s = Staging::new(&root, &out).unwrap();
        assert!(s.commit().is_err());
        assert!(out.join(".git/HEAD").is_file());
        std::fs::remove_file(out.join("CNAME")).unwrap();
        // A build stopped just after its swap left the repository in the old folder:
        // the next build hands it back instead of deleting it.
        let holder = root.join(".public.plainsite-old-stopped");
        std::fs::create_dir_all(holder.join("old")).unwrap();
        std::fs::write(holder.join("old").join(MARKER), "x").unwrap();
        std::fs::rename(out.join(GIT), holder.join("old").join(GIT)).unwrap();
        let s = Staging::new(&root, &out).unwrap();
        assert!(
            out.join(".git/HEAD").is_file(),
            "the repository was not handed back"
        );
        assert!(!holder.exists());
        drop(s);
    }

    #[test]
    fn a_made_file_where_the_build_writes_a_folder_stops_the_swap_and_changes_nothing() {
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        let s = Staging::new(&root, &out).unwrap();
        s.write("index.html", b"home").unwrap();
        s.write("book", b"epub").unwrap();
        s.record_made(&["book".to_string()], "plainsite epub");
        s.commit().unwrap();
        let s = Staging::new(&root, &out).unwrap();
        s.write("index.html", b"new home").unwrap();
        s.write("book/index.html", b"a page").unwrap();
        let err = s.commit().unwrap_err().to_string();
        assert!(
            err.contains("public/book, which `plainsite epub` made, is in the way of ")
                && err.contains("/public/book, which this build writes"),
            "{err}"
        );
        assert_eq!(std::fs::read(out.join("book")).unwrap(), b"epub");
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"home");
        // A file where the made file's folder would go is in its way too.
        let s = Staging::new(&root, &out).unwrap();
        s.write("b/brief.pdf", b"pdf").unwrap();
        s.record_made(&["b/brief.pdf".to_string()], "plainsite brief");
        s.commit().unwrap();
        let s = Staging::new(&root, &out).unwrap();
        s.write("b", b"a file").unwrap();
        let err = s.commit().unwrap_err().to_string();
        assert!(
            err.contains("public/b/brief.pdf, which `plainsite brief` made, is in the way of ")
                && err.contains("/public/b, which this build writes. Nothing was changed"),
            "{err}"
        );
    }

    #[test]
    fn output_with_dotdot_through_missing_folder_is_refused() {
        let (_dir, root, _victim) = site();
        for out in [
            "x/../content",
            "x/y/../../content/sub",
            "x/../../victim",
            "x/../.",
        ] {
            let r = Staging::new(&root, &root.join(out));
            assert!(r.is_err(), "{out} was accepted");
        }
        assert!(!root.join("x").exists(), "a refused path made a folder");
        assert_eq!(
            std::fs::read(root.join("content/_index.md")).unwrap(),
            b"home"
        );
        // The same path resolved to a folder of its own is fine, and is written there.
        let s = Staging::new(&root, &root.join("x/../public")).unwrap();
        assert_eq!(s.output(), resolve_path(&root.join("public")).unwrap());
        s.commit().unwrap();
        assert!(root.join("public").join(MARKER).is_file() && !root.join("x").exists());
    }

    #[cfg(unix)]
    #[test]
    fn output_through_a_link_to_the_content_folder_is_refused() {
        let (_dir, root, _victim) = site();
        std::os::unix::fs::symlink(root.join("content"), root.join("c")).unwrap();
        assert!(Staging::new(&root, &root.join("c/out")).is_err());
        // `..` after a link goes to the parent of the link's target, as the OS does.
        let s = Staging::new(&root, &root.join("c/../public")).unwrap();
        assert_eq!(s.output(), root.canonicalize().unwrap().join("public"));
    }

    #[cfg(unix)]
    #[test]
    fn output_folder_that_is_a_symlink_is_refused_and_its_target_untouched() {
        let (_dir, root, victim) = site();
        std::fs::write(victim.join(MARKER), "").unwrap();
        std::os::unix::fs::symlink(&victim, root.join("public")).unwrap();
        let err = Staging::new(&root, &root.join("public")).err().unwrap();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(victim.join("keep.txt").is_file());
        assert!(root.join("public").is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_beside_it_is_named_in_full_in_the_advice() {
        // `--output ../www`, from the link's own target, was wrong from any other folder.
        let (_dir, root, _victim) = site();
        std::fs::create_dir(root.join("www")).unwrap();
        std::fs::create_dir(root.join("out")).unwrap();
        std::os::unix::fs::symlink("../www", root.join("out/public")).unwrap();
        let err = Staging::new(&root, &root.join("out/public")).err().unwrap();
        let www = resolve_path(&root.join("www")).unwrap();
        let advice = format!("(to {}); ", www.display());
        assert!(err.to_string().contains(&advice), "{err}");
        let option = format!("--output \"{}\", ", www.display());
        assert!(err.to_string().contains(&option), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_inside_old_output_is_removed_not_followed() {
        let (_dir, root, victim) = site();
        let out = root.join("public");
        let s = Staging::new(&root, &out).unwrap();
        s.write("a.html", b"one").unwrap();
        s.commit().unwrap();
        std::os::unix::fs::symlink(&victim, out.join("link")).unwrap();
        std::os::unix::fs::symlink(victim.join("keep.txt"), out.join("file-link")).unwrap();
        // Links plainsite did not make stop the build, which changes nothing.
        let s = Staging::new(&root, &out).unwrap();
        let err = s.commit().unwrap_err().to_string();
        assert!(
            err.contains("2 files that plainsite did not write"),
            "{err}"
        );
        assert!(out.join("link").is_symlink() && out.join("a.html").is_file());
        // In a folder an earlier plainsite made (its marker has no list), they stop the
        // build too: an earlier plainsite never wrote a link.
        std::fs::write(out.join(MARKER), "This folder is written by plainsite.\n").unwrap();
        let s = Staging::new(&root, &out).unwrap();
        s.write("a.html", b"two").unwrap();
        assert!(s.commit().is_err());
        assert!(out.join("link").is_symlink());
        assert_eq!(std::fs::read(victim.join("keep.txt")).unwrap(), b"mine");
    }

    #[test]
    fn a_staging_folder_is_known_to_ctrl_c_only_once_its_marker_is_in_it() {
        // Ctrl+C's handler asks of each staging folder "empty, or marked?". A folder made
        // known before its marker was written could answer "no" to both looks, when the
        // marker came between them, and was left (CI, `interrupted` test).
        let dir = tempfile::tempdir().unwrap();
        let made = TempFolder::create(dir.path(), "public").unwrap();
        let known = STAGING_HERE.lock().unwrap().contains(&made.path);
        assert!(known && has_marker(&made.path));
        assert_eq!(
            std::fs::read_to_string(made.path.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        drop(made);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn leftovers_of_interrupted_builds_are_removed_and_nothing_else() {
        let (_dir, root, victim) = site();
        let staged = root.join(".public.plainsite-staging-AbC123");
        std::fs::create_dir_all(staged.join("a")).unwrap();
        std::fs::write(staged.join(MARKER), "").unwrap();
        std::fs::write(staged.join("a/index.html"), "x").unwrap();
        std::fs::create_dir(root.join(".public.plainsite-staging-empty")).unwrap();
        let old = root.join(".public.plainsite-old-XyZ789/old");
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::os::unix::fs::symlink(&victim, old.join("link")).unwrap();
        // Not plainsite's: no marker, a link, or another output's name.
        let mine = root.join(".public.plainsite-staging-mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "mine").unwrap();
        std::fs::write(victim.join(MARKER), "").unwrap();
        std::os::unix::fs::symlink(&victim, root.join(".public.plainsite-staging-link")).unwrap();
        let other = root.join(".docs.plainsite-staging-q1");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join(MARKER), "").unwrap();
        // A later build's output: the old folder is not put back in its place.
        std::fs::create_dir(root.join("public")).unwrap();
        std::fs::write(root.join("public").join(MARKER), "").unwrap();

        let left = names_after_a_build(&root);
        assert_eq!(
            left,
            [
                ".docs.plainsite-staging-q1",
                ".public.plainsite-staging-link",
                ".public.plainsite-staging-mine",
                "content",
                "public",
                "themes"
            ]
        );
        assert!(victim.join("keep.txt").is_file() && mine.join("notes.txt").is_file());
    }

    #[cfg(unix)]
    #[test]
    fn a_missing_output_gets_back_the_newest_old_output_of_its_own_name() {
        let (_dir, root, _victim) = site();
        let old_output = |holder: &str, file: &str, age: u64| {
            let old = root.join(holder).join("old");
            std::fs::create_dir_all(&old).unwrap();
            std::fs::write(old.join(MARKER), format!("{MARKER_TEXT}{file}\n")).unwrap();
            std::fs::write(old.join(file), "x").unwrap();
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(2_000_000_000 - age);
            let holder = std::fs::File::open(root.join(holder)).unwrap();
            holder.set_modified(when).unwrap();
        };
        old_output(".public.plainsite-old-a", "older.html", 600);
        old_output(".public.plainsite-old-b", "newer.html", 60);
        // Another output's, and one of the first versions' (whose output is unknown).
        old_output(".docs.plainsite-old-c", "docs.html", 1);
        old_output(".plainsite-old-d", "first.html", 1);
        remove_leftovers(&root, "public");
        assert!(root.join("public/newer.html").is_file());
        assert!(!root.join("public/older.html").exists());
        let mut left: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        left.sort();
        assert_eq!(left, [".docs.plainsite-old-c"]);
    }

    /// Builds into `root/public` and lists what is then in `root`, sorted.
    #[cfg(unix)]
    fn names_after_a_build(root: &Path) -> Vec<String> {
        Staging::new(root, &root.join("public"))
            .unwrap()
            .commit()
            .unwrap();
        let mut left: Vec<String> = std::fs::read_dir(root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        left
    }

    #[cfg(unix)]
    #[test]
    fn old_outputs_left_by_earlier_plainsite_versions_are_removed_and_nothing_else() {
        // The first plainsite versions, interrupted in a swap, left `.plainsite-old-*/old`, without the
        // output's name.
        let (_dir, root, victim) = site();
        let old = root.join(".plainsite-old-Ab12/old");
        std::fs::create_dir_all(old.join("a")).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::fs::write(old.join("a/index.html"), "x").unwrap();
        std::os::unix::fs::symlink(&victim, old.join("link")).unwrap();
        std::fs::create_dir(root.join(".plainsite-old-empty")).unwrap();
        let mine = root.join(".plainsite-old-mine/old");
        std::fs::create_dir_all(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "mine").unwrap();
        std::os::unix::fs::symlink(&victim, root.join(".plainsite-old-link")).unwrap();

        let left = names_after_a_build(&root);
        assert_eq!(
            left,
            [
                ".plainsite-old-link",
                ".plainsite-old-mine",
                "content",
                "public",
                "themes"
            ]
        );
        assert!(victim.join("keep.txt").is_file() && mine.join("notes.txt").is_file());
    }

    #[test]
    fn a_live_builds_staging_is_not_touched() {
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        let live = Staging::new(&root, &out).unwrap();
        live.write("a.html", b"live").unwrap();
        let err = Staging::new(&root, &out).err().unwrap();
        assert!(err.to_string().contains("another plainsite"), "{err}");
        assert!(live.path().join("a.html").is_file());
        live.commit().unwrap();
        assert!(out.join("a.html").is_file());
        assert!(!root.join(".public.plainsite-lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_one_page_update_is_refused_beside_a_stranger_and_is_readable_by_a_web_server() {
        use std::os::unix::fs::PermissionsExt as _;
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        let s = Staging::new(&root, &out).unwrap();
        s.write("a.html", b"good").unwrap();
        s.commit().unwrap();
        let s = Staging::in_place(&root, &out).unwrap();
        s.write("a.html", b"updated").unwrap();
        s.commit().unwrap();
        // The mode a build's own writes get (0644 with the usual umask), not 0600.
        std::fs::write(root.join("reference"), b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&out.join("a.html")), mode(&root.join("reference")));
        std::fs::write(out.join("CNAME"), "x").unwrap();
        let s = Staging::in_place(&root, &out).unwrap();
        s.write("a.html", b"again").unwrap();
        assert!(s.commit().is_err());
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"updated");
    }

    #[test]
    fn a_one_page_update_writes_nothing_until_committed() {
        let (_dir, root, _victim) = site();
        let out = root.join("public");
        let s = Staging::new(&root, &out).unwrap();
        s.write("a.html", b"good").unwrap();
        s.commit().unwrap();
        let s = Staging::in_place(&root, &out).unwrap();
        s.write("a.html", b"broken").unwrap();
        drop(s);
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"good");
        let s = Staging::in_place(&root, &out).unwrap();
        s.write("a.html", b"fixed").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"fixed");
    }

    #[cfg(unix)]
    #[test]
    fn the_author_report_is_not_written_into_the_site_or_through_a_link() {
        let (_dir, root, victim) = site();
        let r = write_file(&root, &root.join("x/../content/_index.md"), b"report");
        assert!(r.is_err());
        assert_eq!(
            std::fs::read(root.join("content/_index.md")).unwrap(),
            b"home"
        );
        std::os::unix::fs::symlink(victim.join("keep.txt"), root.join("report.html")).unwrap();
        write_file(&root, &root.join("report.html"), b"report").unwrap();
        assert_eq!(std::fs::read(victim.join("keep.txt")).unwrap(), b"mine");
        assert_eq!(std::fs::read(root.join("report.html")).unwrap(), b"report");
    }

    /// A site with links in it: `lc` to content/, `lr` to the site, `le` to a folder
    /// outside, `dangling` to nothing; `a/b` exists.
    #[cfg(unix)]
    fn site_with_links() -> (tempfile::TempDir, PathBuf) {
        let (dir, root, victim) = site();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        let link = |to: &Path, name: &str| std::os::unix::fs::symlink(to, root.join(name)).unwrap();
        link(&root.join("content"), "lc");
        link(&root, "lr");
        link(&victim, "le");
        link(&root.join("gone"), "dangling");
        (dir, root)
    }

    #[cfg(unix)]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 96,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x0a11),
            failure_persistence: None,
            ..Default::default()
        })]

        /// Whatever the path, an accepted output is never the site, a folder holding it,
        /// or inside its sources, and the resolver agrees with the operating system.
        #[test]
        fn resolved_output_is_never_the_site_or_its_sources_and_matches_the_os(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                ".", "..", "a", "b", "x", "y", "public", "content", "themes", "lc", "lr", "le", "dangling",
            ]), 1..7)
        ) {
            let (_dir, root) = site_with_links();
            let path = parts.iter().fold(root.clone(), |p, part| p.join(part));
            let canon_root = root.canonicalize().unwrap();
            if let Ok(out) = OutputDir::new(&root, &path) {
                let o = out.path();
                proptest::prop_assert!(!canon_root.starts_with(o), "{} holds the site", o.display());
                for p in ["content", "themes"] {
                    proptest::prop_assert!(!o.starts_with(canon_root.join(p)), "{} is in {p}", o.display());
                }
            }
            if let Ok(resolved) = resolve_path(&path) {
                if std::fs::create_dir_all(&path).is_ok() {
                    proptest::prop_assert_eq!(resolved, path.canonicalize().unwrap());
                }
            }
        }
    }

    #[test]
    fn paths_cannot_leave_the_output() {
        assert!(safe_join(Path::new("/tmp/x"), "../etc/passwd").is_err());
    }
}
