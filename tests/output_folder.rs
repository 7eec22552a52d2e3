//! The output folder loses nothing: a file plainsite did not write stops the build
//! before anything is replaced, the files other commands made (`brief --docx`, `epub`)
//! are kept by later builds, and the marker's list names every file plainsite wrote.
//! Also `check --since` on what is not a manifest or an output folder.

mod common;

use common::*;

/// The `basic` fixture with a brief page, built once.
fn built() -> Fixture {
    let f = Fixture::new("basic");
    f.write(
        "content/brief.md",
        "---\ntitle: Our brief\ntemplate: brief.html\n---\n\nWe asked staff what helps.\n",
    );
    assert_ok(&f.run(&["build", "--no-checks"]));
    f
}

/// The files the marker of `f`'s output folder lists.
fn listed(f: &Fixture) -> Vec<String> {
    let marker = f.read_output(".plainsite-output");
    let (_, list) = marker.split_once(":\n").expect("the marker has a list");
    let mut out: Vec<String> = list
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(l).to_string())
        .collect();
    out.push(".plainsite-output".into());
    out.sort();
    out
}

/// The files in `f`'s output folder.
fn present(f: &Fixture) -> Vec<String> {
    let mut out: Vec<String> = snapshot(&f.public())
        .into_keys()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

#[test]
fn a_file_plainsite_did_not_write_stops_the_build_and_nothing_is_replaced() {
    let f = built();
    std::fs::write(f.public().join("CNAME"), "example.org\n").unwrap();
    std::fs::write(f.public().join("full-report.pdf"), "%PDF-1.7").unwrap();
    f.write(
        "content/about.md",
        "---\ntitle: About us\n---\n\nChanged.\n",
    );
    let before = snapshot(&f.public());
    let err = assert_fails(&f.run(&["build", "--no-checks"]));
    assert!(
        err.contains("has 2 files that plainsite did not write: public/CNAME, public/full-report.pdf; a build replaces the whole folder, so they would be lost. Nothing was changed"),
        "{err}"
    );
    assert!(err.contains("put it in content/"), "{err}");
    assert_eq!(snapshot(&f.public()), before, "the output was changed");
    // Moved into content/, it is published by every build.
    std::fs::remove_file(f.public().join("full-report.pdf")).unwrap();
    std::fs::rename(f.public().join("CNAME"), f.root().join("content/CNAME")).unwrap();
    assert_ok(&f.run(&["build", "--no-checks"]));
    assert_eq!(f.read_output("CNAME"), "example.org\n");
}

#[test]
fn the_marker_lists_every_file_a_build_and_other_commands_wrote() {
    let f = built();
    assert_eq!(listed(&f), present(&f));
    assert_ok(&f.run(&["brief", "--docx"]));
    assert_ok(&f.run(&["epub"]));
    assert_eq!(listed(&f), present(&f));
}

#[test]
fn a_build_keeps_the_word_brief_and_the_epub_other_commands_made_and_says_so() {
    let f = built();
    assert_ok(&f.run(&["brief", "--docx"]));
    let err = assert_ok(&f.run(&["epub"]));
    assert!(
        err.contains("Kept a file that `plainsite brief --docx` made before: "),
        "{err}"
    );
    let docx = f.public().join("brief/brief-en.docx");
    let books: Vec<_> = present(&f)
        .into_iter()
        .filter(|p| p.ends_with(".epub"))
        .collect();
    assert_eq!(books.len(), 1, "{books:?}");
    let err = assert_ok(&f.run(&["build", "--no-checks"]));
    assert!(docx.is_file(), "{err}");
    assert!(f.public().join(&books[0]).is_file(), "{err}");
    assert!(
        err.contains("Kept a file that `plainsite epub` made before: "),
        "{err}"
    );
    // Deleted by hand, it is gone for good: the next build does not miss it.
    std::fs::remove_file(&docx).unwrap();
    assert_ok(&f.run(&["build", "--no-checks"]));
    assert!(!docx.exists());
}

#[test]
fn check_since_what_is_not_a_manifest_or_an_output_folder_is_an_error() {
    let f = built();
    let empty = tempfile::tempdir().unwrap();
    let not_manifest = f.root().join("notes.txt");
    std::fs::write(&not_manifest, "root:x:0:0:root:/root:/bin/bash\n").unwrap();
    let index = f.public().join("index.html");
    for since in [&not_manifest, &index, &empty.path().to_path_buf()] {
        let err = assert_fails(&f.run(&["check", "--since", &since.to_string_lossy()]));
        assert!(
            err.contains(&format!(
                "error: --since {} is not a plainsite manifest or output folder",
                since.display()
            )),
            "{err}"
        );
    }
}

#[test]
fn check_since_an_output_folder_without_its_manifest_compares_its_files_as_files() {
    let f = built();
    let live = tempfile::tempdir().unwrap();
    copy_dir(&f.public(), live.path());
    std::fs::remove_file(live.path().join(".plainsite-manifest")).unwrap();
    let err = assert_ok(&f.run(&["check", "--since", &live.path().to_string_lossy()]));
    assert!(!err.contains("is gone now"), "{err}");
    // A page that is really gone is still found.
    std::fs::remove_file(f.root().join("content/brief.md")).unwrap();
    let err = assert_fails(&f.run(&["check", "--since", &live.path().to_string_lossy()]));
    assert!(
        err.contains("error: /brief/ was published before and is gone now"),
        "{err}"
    );
}

#[test]
fn two_pages_at_one_address_are_one_error_naming_both_files() {
    let f = Fixture::new("basic");
    f.write("content/foo.md", "---\ntitle: Foo\n---\n\nOne.\n");
    f.write(
        "content/foo/_index.md",
        "---\ntitle: Foo too\n---\n\nTwo.\n",
    );
    // Links to either file are not broken links on top of the clash.
    f.write(
        "content/links.md",
        "---\ntitle: Links\n---\n\nSee [the first](foo.md) and [the second](foo/_index.md).\n",
    );
    for command in ["check", "build"] {
        let err = assert_fails(
            &f.run(&[command, "--no-checks"][..if command == "check" { 1 } else { 2 }]),
        );
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
        assert_eq!(
            errors,
            ["error: two pages would be written to the same address /foo/"],
            "{err}"
        );
        assert!(
            err.contains("content/foo.md") && err.contains("content/foo/_index.md"),
            "{err}"
        );
    }
}

#[test]
fn an_alias_on_a_file_the_build_writes_is_an_error_at_the_alias_in_check_and_build() {
    let f = Fixture::new("basic");
    f.write(
        "content/brief.md",
        "---\ntitle: Our brief\ntemplate: brief.html\n---\n\nWe asked staff what helps.\n",
    );
    let taken = "is already the address of something else";
    let reserved = "would be written into";
    for (alias, message, file) in [
        ("/robots.txt", taken, "where the build writes robots.txt"),
        (
            "/news/atom.xml",
            taken,
            "where the build writes news/atom.xml",
        ),
        (
            "/brief/brief.txt",
            taken,
            "where the build writes brief/brief.txt",
        ),
        (
            "/search/en.js",
            taken,
            "where the build writes search/en.js",
        ),
        ("/style.css", taken, "where the build writes style.css"),
        (
            "/.plainsite-output",
            reserved,
            "plainsite's own files (.plainsite-output), where no page may go",
        ),
        (
            "/.plainsite-manifest",
            reserved,
            "plainsite's own files (.plainsite-manifest), where no page may go",
        ),
        (
            "/.git",
            reserved,
            "the output folder's own git repository (.git), where no page may go",
        ),
        (
            "/.GIT/hooks",
            reserved,
            "the output folder's own git repository (.GIT), where no page may go",
        ),
        (
            "/.htaccess",
            reserved,
            "a hidden folder (.htaccess), which web servers keep for their own settings",
        ),
        (
            "/news/.well-known",
            reserved,
            "a hidden folder (.well-known), which web servers keep",
        ),
        (
            "/CON",
            reserved,
            "a folder named CON, which Windows and USB sticks cannot hold",
        ),
        (
            "/brief/brief-en-a4.pdf",
            taken,
            "where `plainsite brief` writes brief/brief-en-a4.pdf",
        ),
        (
            "/example.org-en.epub",
            taken,
            "where `plainsite epub` writes example.org-en.epub",
        ),
    ] {
        f.write(
            "content/old.md",
            &format!("---\ntitle: Old page\naliases: [{alias}]\n---\n\nWe moved.\n"),
        );
        for command in [&["check"][..], &["build", "--no-checks"]] {
            let err = assert_fails(&f.run(command));
            let message = format!("alias {alias}/ {message}");
            assert_eq!(
                places_of(&err, "error:", &message),
                ["content/old.md:3:11"],
                "{command:?}, {alias}: {err}"
            );
            assert!(err.contains(file), "{command:?}, {alias}: {err}");
            assert!(!err.contains("could not"), "{command:?}, {alias}: {err}");
        }
    }
}

#[test]
fn an_output_folder_an_earlier_plainsite_wrote_loses_no_file_on_the_upgrade() {
    let f = built();
    // As plainsite wrote it before it kept a list of its files, with a file a person
    // added and a PDF an earlier `plainsite brief` made.
    std::fs::write(
        f.public().join(".plainsite-output"),
        "This folder is written by plainsite. Each build replaces everything in it.\n",
    )
    .unwrap();
    std::fs::write(f.public().join("CNAME"), "example.org\n").unwrap();
    std::fs::write(f.public().join("brief/brief-a4.pdf"), "%PDF-1.7").unwrap();
    let before = snapshot(&f.public());
    let err = assert_fails(&f.run(&["build", "--no-checks"]));
    assert!(
        err.contains("was written by an earlier plainsite, which kept no list of its files, and has 2 files this build does not make: public/CNAME, public/brief/brief-a4.pdf. Nothing was changed"),
        "{err}"
    );
    assert_eq!(snapshot(&f.public()), before, "the output was changed");
    // Moved into content/ as the help says, and the old folder deleted: built and listed.
    std::fs::rename(f.public().join("CNAME"), f.root().join("content/CNAME")).unwrap();
    std::fs::remove_dir_all(f.public()).unwrap();
    assert_ok(&f.run(&["build", "--no-checks"]));
    assert_eq!(f.read_output("CNAME"), "example.org\n");
    assert!(listed(&f).contains(&"CNAME".to_string()));
}

#[test]
fn an_output_folder_whose_list_was_deleted_is_refused_with_what_to_keep() {
    // A clean-up of hidden files deleted the marker: the folder was refused as "files
    // plainsite did not write", and deleting it, the obvious way out, also deleted the
    // PDFs other commands had made. Its files cannot be told from a person's (a list of
    // addresses may have been copied into a folder of one's own), so none is replaced,
    // and the message says what to move out first.
    let f = built();
    std::fs::remove_file(f.public().join(".plainsite-output")).unwrap();
    std::fs::write(f.public().join("CNAME"), "example.org\n").unwrap();
    let before = snapshot(&f.public());
    let err = assert_fails(&f.run(&["build", "--no-checks"]));
    assert!(
        err.contains("the output folder public looks like one plainsite made, but its list of files (public/.plainsite-output) is missing, so plainsite cannot tell its own files from yours and will not replace any. Nothing was changed"),
        "{err}"
    );
    assert!(
        err.contains("move the files you want to keep out of public"),
        "{err}"
    );
    assert_eq!(snapshot(&f.public()), before, "the output was changed");
    // A folder of someone else's files is refused as before.
    std::fs::remove_dir_all(f.public()).unwrap();
    std::fs::create_dir(f.public()).unwrap();
    std::fs::write(f.public().join("index.html"), "mine").unwrap();
    let err = assert_fails(&f.run(&["build", "--no-checks"]));
    assert!(
        err.contains("already has files that plainsite did not write"),
        "{err}"
    );
}
