//! The page editor of `plainsite serve --edit`: reads and saves the Markdown of one page
//! from the author view.
//!
//! Safe by construction: every request needs this run's secret token (printed in the
//! address `serve --edit` shows), a Host naming this computer, and for a save an Origin
//! of this same server (a page on another site, or a domain pointed at 127.0.0.1,
//! cannot save). The client names a page by its address, never a file: the file is the
//! one the last build made that page from, and only a `.md` file under `content/` (not
//! a link) is written. A save is checked first (front matter that does not parse writes
//! nothing), refused when the file changed on disk since the editor opened it (both
//! versions are sent back), keeps the version it replaces in `history/` beside
//! `content/` (never published), and writes atomically (a temporary file renamed over
//! the page). A live check (`check`) takes the unsaved text under the same rules and
//! writes nothing: it renders the page from it with the build's own stages and answers
//! with its figures, problems and HTML.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use super::author::AuthorData;
use super::entry::{self, EntryKind};
use super::http::{Request, Response};
use super::query_value;
use super::refusal::{Lang, Refusal};
use super::Shared;
use crate::text::error::{Error, Result};

/// The folder beside `content/` that keeps every earlier version of an edited page.
pub const HISTORY_FOLDER: &str = "history";

/// The stack of the thread that renders a live preview, as big as a build's threads'.
const PREVIEW_STACK: usize = 16 * 1024 * 1024;

/// The page editor of one run.
pub struct Editor {
    root: PathBuf,
    token: String,
    /// Edits are taken from any Host (`serve --edit --allow-network-edit`).
    any_host: bool,
}

/// A save of one data entry's form.
#[derive(serde::Deserialize)]
struct EntrySave {
    /// The address of the entry's page.
    page: String,
    /// The version of the data file the form was opened from.
    base: String,
    values: entry::FormValues,
    /// For an entry with no page of its own, the address of the page it is shown on.
    #[serde(default)]
    on: Option<String>,
}

/// A new data entry: its kind, the page the author added it from (for its language),
/// the version of the data file the form was opened from, and its values.
#[derive(serde::Deserialize)]
struct EntryAdd {
    kind: EntryKind,
    #[serde(default)]
    on: Option<String>,
    base: String,
    values: entry::FormValues,
}

/// A new page: its title, and the name of its address (`/NAME/`).
#[derive(serde::Deserialize)]
struct NewPage {
    title: String,
    name: String,
}

/// Unsaved text to check and preview.
#[derive(serde::Deserialize)]
struct Draft {
    page: String,
    text: String,
}

#[derive(serde::Deserialize)]
struct Save {
    page: String,
    /// The version the editor opened (see [`version`]).
    base: String,
    text: String,
}

impl Editor {
    /// An editor for the site at `root`, with a new secret token.
    pub fn new(root: &Path, any_host: bool) -> Result<Editor> {
        let mut secret = [0u8; 24];
        getrandom::fill(&mut secret)
            .map_err(|e| Error::Refused(format!("could not make a secret for editing: {e}")))?;
        let root = root
            .canonicalize()
            .map_err(|e| Error::Refused(format!("{}: {e}", root.display())))?;
        Ok(Editor {
            root,
            token: crate::text::hex(&secret),
            any_host,
        })
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    /// Answers a request under `/__plainsite/edit/`.
    pub fn handle(&self, path: &str, query: &str, req: &Request, shared: &Shared) -> Response {
        let lang = Lang::of(shared.build.get(), req.lang.as_deref());
        if let Err(refused) = self.check(req, lang) {
            return refused;
        }
        let author = &shared.author;
        match (path, req.post) {
            ("source", false) => {
                let page = query_value(query, "page").unwrap_or_default();
                self.source(&page, author, lang)
            }
            ("save", true) => self.save(&req.body, author, lang),
            ("check", true) => self.live_check(&req.body, shared, lang),
            ("entry", false) => {
                let page = query_value(query, "page").unwrap_or_default();
                let on = query_value(query, "on");
                self.open_entry(&page, on.as_deref(), author, lang)
            }
            ("entry", true) => self.save_entry(&req.body, author, lang),
            ("add", false) => {
                let kind = query_value(query, "kind").unwrap_or_default();
                let on = query_value(query, "on");
                self.new_entry_form(&kind, on.as_deref(), author, lang)
            }
            ("add", true) => self.add_entry(&req.body, author, lang),
            ("image", true) => self.add_image(query, &req.body, author, lang),
            ("new", true) => self.new_page(&req.body, author, lang),
            _ => Response::text(404, "Not found"),
        }
    }

    /// The token, this computer as Host, and for a save this server as Origin.
    fn check(&self, req: &Request, lang: Lang) -> std::result::Result<(), Response> {
        let token_ok = req
            .token
            .as_deref()
            .is_some_and(|t| same_secret(t.as_bytes(), self.token.as_bytes()));
        if !token_ok {
            return Err(refused(403, Refusal::NoKey, lang));
        }
        if !self.any_host && !super::names_this_computer(req.host.as_deref()) {
            return Err(refused(403, Refusal::NotThisComputer, lang));
        }
        if req.post {
            let expected = req.host.as_deref().map(|h| format!("http://{h}"));
            if req.origin.is_none() || req.origin != expected {
                return Err(refused(403, Refusal::ForeignOrigin, lang));
            }
        }
        Ok(())
    }

    /// The Markdown of the page at `url`, with its version.
    fn source(&self, url: &str, author: &AuthorData, lang: Lang) -> Response {
        let (rel, path) = match self.page_file(url, author, lang) {
            Ok(f) => f,
            Err(r) => return r,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => json(
                200,
                serde_json::json!({ "file": rel, "version": version(&text), "text": text }),
            ),
            Err(e) => Response::text(404, &format!("{rel}: {e}")),
        }
    }

    fn save(&self, body: &[u8], author: &AuthorData, lang: Lang) -> Response {
        let Ok(save) = serde_json::from_slice::<Save>(body) else {
            return Response::text(400, "A save is JSON with page, base and text");
        };
        let (rel, path) = match self.page_file(&save.page, author, lang) {
            Ok(f) => f,
            Err(r) => return r,
        };
        if let Err(problems) = check_page(&rel, &save.text) {
            return json(422, serde_json::json!({ "problems": problems }));
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if version(&current) != save.base {
            return json(
                409,
                serde_json::json!({ "file": rel, "current": current, "yours": save.text, "version": version(&current) }),
            );
        }
        match self
            .keep_in_history(&rel, &current)
            .and_then(|_| write_atomically(&path, &save.text))
        {
            Ok(()) => json(
                200,
                serde_json::json!({ "file": rel, "version": version(&save.text) }),
            ),
            Err(e) => not_saved(&e, lang),
        }
    }

    /// The checks and a preview of a page's unsaved text: its figures and problems as
    /// the author view shows them, and the page as it would be served. Nothing is written.
    fn live_check(&self, body: &[u8], shared: &Shared, lang: Lang) -> Response {
        let Ok(draft) = serde_json::from_slice::<Draft>(body) else {
            return Response::text(400, "A check is JSON with page and text");
        };
        let (rel, _) = match self.page_file(&draft.page, &shared.author, lang) {
            Ok(f) => f,
            Err(r) => return r,
        };
        if let Err(problems) = check_page(&rel, &draft.text) {
            return json(422, serde_json::json!({ "problems": problems }));
        }
        let Some(opts) = shared.build.get() else {
            return Response::text(503, "The site is not built yet");
        };
        let under = rel.strip_prefix("content/").unwrap_or(&rel).to_string();
        // On a thread of its own: a connection's thread has a small stack, and a build
        // needs a big one.
        let opts = opts.clone();
        let run = move || crate::pipeline::preview(&opts, &under, &draft.page, &draft.text);
        let preview = std::thread::Builder::new()
            .name("preview".into())
            .stack_size(PREVIEW_STACK)
            .spawn(run)
            .ok()
            .and_then(|t| t.join().ok());
        let Some(preview) = preview else {
            return Response::text(500, "The preview could not be made");
        };
        if preview.page.is_none() {
            let problems: Vec<String> = preview.errors.iter().map(|d| d.render(false)).collect();
            return json(422, serde_json::json!({ "problems": problems }));
        }
        json(
            200,
            serde_json::json!({ "page": preview.page, "html": preview.html }),
        )
    }

    /// The data entry the page at `url` shows (a finding's or a recommendation's page),
    /// or the one `url` names (see [`named_entry`]) on the page at `on`: its kind, its
    /// id, its file's name from the site root and its path. The file is the one the
    /// page's language reads (`findings.fr.yaml` on a French page), as the last build
    /// found it; the client never names a file.
    fn entry_of(
        &self,
        url: &str,
        on: Option<&str>,
        author: &AuthorData,
        lang: Lang,
    ) -> std::result::Result<(EntryKind, String, String, PathBuf), Response> {
        let refuse = || refused(404, Refusal::EntryNotEditable, lang);
        let (kind, id, page) = match named_entry(url) {
            Some((kind, id)) => (kind, id.to_string(), on),
            None => {
                let file = author.file_of(url).ok_or_else(refuse)?;
                // A translated page names its language's file (findings.fr.yaml).
                let kind = EntryKind::of_file(&data_name(&file).0).ok_or_else(refuse)?;
                // The page's address ends with the entry's id (see `model`).
                let id = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                (kind, id.to_string(), Some(url))
            }
        };
        let rel = page
            .and_then(|p| author.data_file_of(p, kind.file()))
            .unwrap_or_else(|| format!("content/{}", kind.file()));
        let path = self.content_file(&rel).ok_or_else(refuse)?;
        if id.is_empty() {
            return Err(refuse());
        }
        Ok((kind, id, rel, path))
    }

    /// The form of the entry the page at `url` shows (or the glossary term or key
    /// message it names, see [`named_entry`]): each field with its value and,
    /// where the data model allows only some, the values allowed.
    fn open_entry(&self, url: &str, on: Option<&str>, author: &AuthorData, lang: Lang) -> Response {
        let (kind, id, rel, path) = match self.entry_of(url, on, author, lang) {
            Ok(e) => e,
            Err(r) => return r,
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => return Response::text(404, &format!("{rel}: {e}")),
        };
        let (id, shown) = match in_file(kind, &rel, &text, &id, lang) {
            Ok(found) => found,
            Err(r) => return r,
        };
        match entry::read(kind, &text, &id) {
            Ok(fields) => {
                let fields: Vec<_> = fields
                    .into_iter()
                    .map(|(f, value)| field_json(&f, &value))
                    .collect();
                json(
                    200,
                    serde_json::json!({ "file": rel, "kind": kind, "id": shown, "version": version(&text), "fields": fields }),
                )
            }
            Err(e) => Response::text(404, &format!("{rel}: {e}")),
        }
    }

    /// Saves one entry's form: refused when the file changed since the form was opened
    /// (409, with the entry as it is now); the values spliced in at their places; the
    /// file as it would be loaded by the build first (422 with the line, nothing
    /// written); then the old file to history and the new one written atomically.
    fn save_entry(&self, body: &[u8], author: &AuthorData, lang: Lang) -> Response {
        let Ok(save) = serde_json::from_slice::<EntrySave>(body) else {
            return Response::text(400, "A save is JSON with page, base and values");
        };
        let (kind, id, rel, path) =
            match self.entry_of(&save.page, save.on.as_deref(), author, lang) {
                Ok(e) => e,
                Err(r) => return r,
            };
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        let id = match in_file(kind, &rel, &current, &id, lang) {
            Ok((id, _)) => id,
            Err(r) => return r,
        };
        if let Some(refused) = not_a_choice(kind, &save.values, lang) {
            return refused;
        }
        if version(&current) != save.base {
            let now = entry::read(kind, &current, &id).unwrap_or_default();
            let now: serde_json::Map<String, serde_json::Value> = now
                .into_iter()
                .map(|(f, v)| (f.name.to_string(), serde_json::json!(v)))
                .collect();
            return json(
                409,
                serde_json::json!({ "file": rel, "current": now, "yours": save.values, "version": version(&current) }),
            );
        }
        let spliced = entry::splice(kind, &current, &id, &save.values)
            .map_err(|e| vec![format!("{rel}: {e}")])
            .and_then(|text| check_data(&self.root, &rel, &text).map(|_| text))
            .and_then(|text| {
                entry::reads_back(kind, &text, &id, &save.values)
                    .map(|_| text)
                    .map_err(|e| vec![format!("{rel}: {e}")])
            });
        let text = match spliced {
            Ok(t) => t,
            Err(problems) => return json(422, serde_json::json!({ "problems": problems })),
        };
        match self
            .keep_in_history(&rel, &current)
            .and_then(|_| write_atomically(&path, &text))
        {
            Ok(()) => json(
                200,
                serde_json::json!({ "file": rel, "version": version(&text) }),
            ),
            Err(e) => not_saved(&e, lang),
        }
    }

    /// The data file a new entry of `kind` goes into from the page at `on` (that
    /// page's language's), its path, and its text (empty when there is no file yet).
    fn new_entry_file(
        &self,
        kind: EntryKind,
        on: Option<&str>,
        author: &AuthorData,
        lang: Lang,
    ) -> std::result::Result<(String, PathBuf, Option<String>), Response> {
        let rel = on
            .and_then(|p| author.data_file_of(p, kind.file()))
            .unwrap_or_else(|| format!("content/{}", kind.file()));
        let path = self
            .content_file(&rel)
            .ok_or_else(|| refused(404, Refusal::NoEntryThere, lang))?;
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((rel, path, Some(text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((rel, path, None)),
            Err(e) => Err(Response::text(500, &format!("{rel}: {e}"))),
        }
    }

    /// The empty form of a new entry of `kind` (`finding`, `glossary_term`...): each
    /// field of the data model, the values allowed where there are some.
    fn new_entry_form(
        &self,
        kind: &str,
        on: Option<&str>,
        author: &AuthorData,
        lang: Lang,
    ) -> Response {
        let Ok(kind) = serde_json::from_value::<EntryKind>(serde_json::json!(kind)) else {
            return Response::text(404, "No such kind of entry");
        };
        let (rel, _, text) = match self.new_entry_file(kind, on, author, lang) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let fields: Vec<_> = kind
            .new_fields()
            .into_iter()
            .map(|f| {
                let empty = match f.many {
                    true => entry::FormValue::Many(Vec::new()),
                    false => entry::FormValue::One(String::new()),
                };
                field_json(&f, &empty)
            })
            .collect();
        json(
            200,
            serde_json::json!({ "file": rel, "kind": kind, "version": version(text.as_deref().unwrap_or("")), "fields": fields }),
        )
    }

    /// Adds a new entry at the end of its data file's list: refused when the file
    /// changed since the form was opened (409); checked with the build's own loader
    /// first (422 with the line, nothing written); then the old file to history and the
    /// new one written atomically (a file that was not there is never written over).
    fn add_entry(&self, body: &[u8], author: &AuthorData, lang: Lang) -> Response {
        let Ok(add) = serde_json::from_slice::<EntryAdd>(body) else {
            return Response::text(400, "A new entry is JSON with kind, base and values");
        };
        let (rel, path, current) =
            match self.new_entry_file(add.kind, add.on.as_deref(), author, lang) {
                Ok(f) => f,
                Err(r) => return r,
            };
        if let Some(refused) = not_a_choice(add.kind, &add.values, lang) {
            return refused;
        }
        let text_now = current.as_deref().unwrap_or("");
        if version(text_now) != add.base {
            return json(
                409,
                serde_json::json!({ "file": rel, "current": text_now, "yours": add.values, "version": version(text_now) }),
            );
        }
        let in_file = |e: String| vec![format!("{rel}: {e}")];
        let added = entry::append(add.kind, text_now, &add.values)
            .map_err(in_file)
            .and_then(|text| check_data(&self.root, &rel, &text).map(|_| text))
            .and_then(|text| {
                let id = entry::new_entry_id(add.kind, &text, &add.values).map_err(in_file)?;
                entry::reads_back(add.kind, &text, &id, &add.values).map_err(in_file)?;
                Ok((text, id))
            });
        let (text, id) = match added {
            Ok(t) => t,
            Err(problems) => return json(422, serde_json::json!({ "problems": problems })),
        };
        let written = match current {
            Some(old) => self
                .keep_in_history(&rel, &old)
                .and_then(|_| write_atomically(&path, &text)),
            None => write_new(&path, &text),
        };
        match written {
            Ok(()) => json(
                200,
                serde_json::json!({ "file": rel, "version": version(&text), "id": id }),
            ),
            Err(e) => not_saved(&e, lang),
        }
    }

    /// Adds an image beside the page at `page=` (see [`super::image`]): the body is the
    /// image's bytes; `name=` the name of the author's file, `alt=` its alt text, and
    /// `decorative=1` when it has none on purpose. Answers with the Markdown to insert.
    fn add_image(&self, query: &str, body: &[u8], author: &AuthorData, lang: Lang) -> Response {
        use super::image;
        let page = query_value(query, "page").unwrap_or_default();
        let (rel, path) = match self.page_file(&page, author, lang) {
            Ok(f) => f,
            Err(r) => return r,
        };
        let alt = query_value(query, "alt").unwrap_or_default();
        let decorative = query_value(query, "decorative").as_deref() == Some("1");
        let checked = image::sniff(body).and_then(|ext| {
            image::markdown("x", &alt, decorative)?;
            Ok(ext)
        });
        let ext = match checked {
            Ok(ext) => ext,
            Err(why) => return json(422, serde_json::json!({ "problems": [why.say(lang)] })),
        };
        let written = query_value(query, "name").unwrap_or_default();
        let stem = image::safe_stem(&written);
        if let Some(why) = self.unsafe_name(&stem, &[&written, &stem, &alt]) {
            return json(422, serde_json::json!({ "problems": [why.say(lang)] }));
        }
        let Some(folder) = path.parent() else {
            return refused(404, Refusal::NoImageThere, lang);
        };
        match image::write_free(folder, &stem, ext, body) {
            Ok(name) => {
                let folder_rel = rel.rsplit_once('/').map_or("content", |(f, _)| f);
                let markdown = image::markdown(&name, &alt, decorative).unwrap_or_default();
                json(
                    200,
                    serde_json::json!({ "file": format!("{folder_rel}/{name}"), "markdown": markdown }),
                )
            }
            Err(e) => not_saved(&e, lang),
        }
    }

    /// Makes a new page, `content/NAME.md`, with its title: never over a file that is
    /// there nor at an address a page has already (a folder's page, a list the data files
    /// make), and only with a name of lower-case letters, digits and dashes, so the
    /// client chooses no path.
    fn new_page(&self, body: &[u8], author: &AuthorData, lang: Lang) -> Response {
        let Ok(new) = serde_json::from_slice::<NewPage>(body) else {
            return Response::text(400, "A new page is JSON with title and name");
        };
        let name = new.name.trim();
        let plain = !name.is_empty()
            && name.len() <= 80
            && !name.starts_with('-')
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        let title = new.title.trim();
        if !plain || title.is_empty() {
            return json(
                422,
                serde_json::json!({ "problems": [Refusal::NewPageName.say(lang)] }),
            );
        }
        if let Some(why) = self.unsafe_name(name, &[name, title]) {
            return json(422, serde_json::json!({ "problems": [why.say(lang)] }));
        }
        let title = match entry::scalar(title) {
            Ok(t) => t,
            Err(e) => return json(422, serde_json::json!({ "problems": [e] })),
        };
        let url = format!("/{name}/");
        if let Some(mut file) = author.file_of(&url) {
            // The lists of findings and recommendations are made from their data file.
            if file == "content/_data" {
                file = format!("content/_data/{name}.yaml");
            }
            let taken = Refusal::AddressTaken.say(lang);
            let taken = taken.replace("{url}", &url).replace("{file}", &file);
            return json(409, serde_json::json!({ "problems": [taken] }));
        }
        let rel = format!("content/{name}.md");
        let Some(path) = self.content_file(&rel) else {
            return refused(404, Refusal::NoPageThere, lang);
        };
        let text = format!("---\ntitle: {title}\n---\n\n");
        if let Err(problems) = check_page(&rel, &text) {
            return json(422, serde_json::json!({ "problems": problems }));
        }
        match write_new(&path, &text) {
            Ok(()) => json(200, serde_json::json!({ "file": rel, "url": url })),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => json(
                409,
                serde_json::json!({ "problems": [Refusal::NameTaken.say(lang).replace("{file}", &rel)] }),
            ),
            Err(e) => not_saved(&e, lang),
        }
    }

    /// Why a new file called `stem` (without its extension), made from `words` (the
    /// author's file name, a title, alt text), would break the site, checked before
    /// anything is written: a name Windows keeps for a device, or words that name in
    /// full someone content/_data/people.yaml, as it is now, does not name on the site
    /// (every build would fail, and the writing room cannot rename or delete a file).
    fn unsafe_name(&self, stem: &str, words: &[&str]) -> Option<Refusal> {
        if crate::text::slug::is_device_name(stem) {
            return Some(Refusal::DeviceName);
        }
        let yaml = crate::load::data_file::DataFile::People.rel();
        let yml = yaml.replace(".yaml", ".yml");
        let (rel, text) = [yaml, &yml].into_iter().find_map(|rel| {
            let text = std::fs::read_to_string(self.root.join("content").join(rel)).ok()?;
            Some((rel, text))
        })?;
        let file = crate::load::discover::SourceFile::new(
            rel,
            crate::load::discover::SourceKind::Data,
            text,
        );
        let people = crate::load::people::load(&file, &mut Vec::new());
        let hidden =
            crate::checks::credit::hidden_names(&people, crate::load::people::Channel::Site);
        words
            .iter()
            .any(|w| crate::checks::credit::names_in_file(w, "", &hidden, &[]).is_some())
            .then_some(Refusal::NamesSomeone)
    }

    /// The path of `rel` (a name from the site root) when it is a file under `content/`,
    /// reached through no link.
    fn content_file(&self, rel: &str) -> Option<PathBuf> {
        let under = rel.strip_prefix("content/")?;
        let plain = Path::new(under)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let path = self.root.join(rel);
        let content = self.root.join("content").canonicalize().ok();
        let inside = path
            .parent()
            .and_then(|p| p.canonicalize().ok())
            .zip(content)
            .is_some_and(|(p, c)| p.starts_with(c));
        let link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        (plain && inside && !link).then_some(path)
    }

    /// The file the page at `url` was made from, when it is a page's Markdown under
    /// `content/` (not a data file, not a link): its name from the site root, and its path.
    fn page_file(
        &self,
        url: &str,
        author: &AuthorData,
        lang: Lang,
    ) -> std::result::Result<(String, PathBuf), Response> {
        let refuse = || refused(404, Refusal::PageNotEditable, lang);
        let rel = author.file_of(url).ok_or_else(refuse)?;
        let under = rel.strip_prefix("content/").ok_or_else(refuse)?;
        if !under.ends_with(".md") || under.starts_with("_data/") {
            return Err(refuse());
        }
        let path = self.content_file(&rel).ok_or_else(refuse)?;
        Ok((rel, path))
    }

    /// Keeps `text`, the version about to be replaced, as
    /// `history/<file>/<date and time>.<the file's extension>`.
    fn keep_in_history(&self, rel: &str, text: &str) -> std::io::Result<()> {
        let folder = real_folders(&self.root, &Path::new(HISTORY_FOLDER).join(rel))?;
        let now = humantime::format_rfc3339_nanos(std::time::SystemTime::now())
            .to_string()
            .replace(':', "-");
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(folder.join(format!("{now}.{}", extension(rel))))?;
        file.write_all(text.as_bytes())
    }
}

/// Makes the folders of `rel` under `root` one by one, each a real folder: a link (to
/// somewhere outside the site) or a file on the way is refused, so the writing room never
/// writes outside the site's own folder. Returns the last folder.
fn real_folders(root: &Path, rel: &Path) -> std::io::Result<PathBuf> {
    let mut at = root.to_path_buf();
    for part in rel.components() {
        let Component::Normal(part) = part else {
            return Err(std::io::Error::other(format!(
                "{} is not a plain path",
                rel.display()
            )));
        };
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(std::io::Error::other(format!(
                    "{} is a link or a file, not a folder of the site; earlier versions are kept only in a real folder there",
                    at.strip_prefix(root).unwrap_or(&at).display()
                )))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(&at)?,
            Err(e) => return Err(e),
        }
    }
    Ok(at)
}

/// Whether a page's text can be read: its front matter must parse. The problems, each
/// at its line, when it cannot.
fn check_page(rel: &str, text: &str) -> std::result::Result<(), Vec<String>> {
    let under = rel.strip_prefix("content/").unwrap_or(rel);
    let source = crate::load::discover::SourceFile::new(
        under.to_string(),
        crate::load::discover::SourceKind::Page,
        text.to_string(),
    );
    crate::load::frontmatter::parse(&source)
        .map(|_| ())
        .map_err(|ds| ds.iter().map(|d| d.render(false)).collect())
}

/// The extension of a file's name (`md`, `yaml`).
fn extension(rel: &str) -> &str {
    Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt")
}

/// Whether a data file loads as the build loads it, beside the other data files of its
/// folder in its language as they are on disk (a recommendation names findings): the
/// errors in it, each at its line.
fn check_data(root: &Path, rel: &str, text: &str) -> std::result::Result<(), Vec<String>> {
    use crate::load::discover::{SourceFile, SourceKind};
    let under = rel.strip_prefix("content/").unwrap_or(rel);
    let (name, lang) = data_name(under);
    let mut edited = SourceFile::new(name.clone(), SourceKind::Data, text);
    edited.file = under.to_string();
    let mut files = vec![edited];
    let folder = root.join("content/_data");
    for e in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
        let file = format!("_data/{}", e.file_name().to_string_lossy());
        let (other, other_lang) = data_name(&file);
        // The same language's other lists, or the default language's where there is no
        // translation.
        let translated =
            |n: &str| lang.is_some_and(|l| folder.join(format!("{n}.{l}.yaml")).is_file());
        let stem = other.trim_start_matches("_data/").trim_end_matches(".yaml");
        let same = other_lang == lang || (other_lang.is_none() && !translated(stem));
        if other != name && file.ends_with(".yaml") && same {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                let mut f = SourceFile::new(other, SourceKind::Data, t);
                f.file = file;
                files.push(f);
            }
        }
    }
    let (_, problems) = crate::load::data::load(&files.iter().collect::<Vec<_>>());
    let errors: Vec<String> = problems
        .iter()
        .filter(|d| d.severity == crate::text::diagnostics::Severity::Error)
        .filter(|d| d.file() == Some(rel))
        .map(|d| d.render(false))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A data file's name without its language (`_data/findings.yaml` for
/// `_data/findings.fr.yaml`), and the language.
fn data_name(file: &str) -> (String, Option<&str>) {
    let Some(stem) = file.strip_suffix(".yaml") else {
        return (file.to_string(), None);
    };
    match stem.rsplit_once('.') {
        Some((name, lang)) if !lang.contains('/') => (format!("{name}.yaml"), Some(lang)),
        _ => (file.to_string(), None),
    }
}

/// The entry's id as [`entry`] finds it, and the name the form shows. A person is
/// named by their place among the people the site shows (the client sees only those):
/// that is turned into their place in the file with the build's own people loader,
/// which must read every person for the two to line up.
fn in_file(
    kind: EntryKind,
    rel: &str,
    text: &str,
    id: &str,
    lang: Lang,
) -> std::result::Result<(String, String), Response> {
    if kind != EntryKind::Person {
        return Ok((id.to_string(), id.to_string()));
    }
    use crate::load::discover::{SourceFile, SourceKind};
    use crate::load::people::Channel;
    let under = rel.strip_prefix("content/").unwrap_or(rel);
    let source = SourceFile::new(under, SourceKind::Data, text);
    let mut problems = Vec::new();
    let people = crate::load::people::load(&source, &mut problems);
    // The author is told where, in their language; the build tells them what.
    if let Some(first) = problems
        .iter()
        .find(|d| d.severity == crate::text::diagnostics::Severity::Error)
    {
        let line = first.location.as_ref().map_or(1, |l| l.line);
        let said = Refusal::FileHasProblems
            .say(lang)
            .replace("{file}", rel)
            .replace("{line}", &line.to_string());
        return Err(Response::text(409, &said));
    }
    let refuse = || refused(409, Refusal::NoPersonThere, lang);
    let wanted: usize = id.parse().map_err(|_| refuse())?;
    people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((i, p.shown(Channel::Site)?.name)))
        .nth(wanted)
        .map(|(i, name)| (i.to_string(), name))
        .ok_or_else(refuse)
}

/// One field of a form as the author view gets it: its key, the values allowed, whether
/// it is needed, whether several may be chosen, and its value.
fn field_json(f: &entry::Field, value: &entry::FormValue) -> serde_json::Value {
    serde_json::json!({ "name": f.name, "choices": f.choices, "required": f.required, "many": f.many, "value": value })
}

/// A short fingerprint of a file's text: a save names the version it started from.
pub fn version(text: &str) -> String {
    crate::text::hex(&Sha256::digest(text.as_bytes())[..12])
}

/// Writes beside the file and renames over it, so a reader never sees half a page.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    staged(path, text)?
        .persist(path)
        .map(|_| ())
        .map_err(|e| e.error)
}

/// `text` written to a temporary file in the folder of `path`, ready to be renamed.
fn staged(path: &Path, text: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".plainsite-edit-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Writes a new file beside where it goes and renames it there, never over a file that
/// is there (the error is then `AlreadyExists`).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    staged(path, text)?
        .persist_noclobber(path)
        .map(|_| ())
        .map_err(|e| e.error)
}

/// Compares two secrets in a time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A posted value of a field with choices that is not one of them: refused (422) in the
/// page's language, before anything is written.
fn not_a_choice(kind: EntryKind, values: &entry::FormValues, lang: Lang) -> Option<Response> {
    let (field, value) = entry::not_a_choice(kind, values)?;
    let said = super::refusal::not_a_choice(lang, kind, field, &value);
    Some(json(422, serde_json::json!({ "problems": [said] })))
}

/// A refusal in the page's language.
fn refused(status: u16, why: Refusal, lang: Lang) -> Response {
    Response::text(status, &why.say(lang))
}

/// A write that failed: nothing was saved, and why (in the system's words).
fn not_saved(e: &std::io::Error, lang: Lang) -> Response {
    Response::text(500, &format!("{}: {e}", Refusal::NothingSaved.say(lang)))
}

fn json(status: u16, value: serde_json::Value) -> Response {
    Response::new(status, "application/json", value.to_string().into_bytes())
}

/// A glossary term, a key message or a person, which has no page of its own: the
/// author view names it by its kind and its name in the data file,
/// `glossary_term:Consent` or `key_message:Pay people fairly`, or a person by their
/// place among the people the page shows, `person:0`. Page addresses start with `/`, so never read as one.
fn named_entry(name: &str) -> Option<(EntryKind, &str)> {
    let (kind, id) = name.split_once(':')?;
    let kind = match kind {
        "glossary_term" => EntryKind::GlossaryTerm,
        "key_message" => EntryKind::KeyMessage,
        "person" => EntryKind::Person,
        _ => return None,
    };
    (!id.is_empty()).then_some((kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn earlier_versions_are_never_kept_through_a_link_out_of_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let (site, elsewhere) = (dir.path().join("site"), dir.path().join("elsewhere"));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        let rel = Path::new("history/content/about.md");
        std::os::unix::fs::symlink(&elsewhere, site.join("history")).unwrap();
        let err = real_folders(&site, rel).unwrap_err().to_string();
        assert!(err.starts_with("history is a link or a file"), "{err}");
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        // A link further down is refused too; real folders are made.
        std::fs::remove_file(site.join("history")).unwrap();
        std::fs::create_dir_all(site.join("history")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, site.join("history/content")).unwrap();
        assert!(real_folders(&site, rel).is_err());
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
        std::fs::remove_file(site.join("history/content")).unwrap();
        assert_eq!(real_folders(&site, rel).unwrap(), site.join(rel));
        assert!(site.join(rel).is_dir());
    }

    #[test]
    fn a_page_with_broken_front_matter_is_refused_at_its_line() {
        let problems = check_page("content/a.md", "---\ntitle: [broken\n---\nText.\n").unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("content/a.md:2:")),
            "{problems:?}"
        );
        assert!(check_page("content/a.md", "---\ntitle: Fine\n---\nText.\n").is_ok());
    }

    #[test]
    fn a_translated_data_file_is_named_without_its_language() {
        assert_eq!(
            data_name("_data/findings.fr.yaml"),
            ("_data/findings.yaml".to_string(), Some("fr"))
        );
        assert_eq!(
            data_name("_data/findings.yaml"),
            ("_data/findings.yaml".to_string(), None)
        );
    }

    #[test]
    fn secrets_are_compared_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"ab"));
    }
}
