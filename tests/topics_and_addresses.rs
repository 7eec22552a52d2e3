//! Topics, long lists and addresses that never break (issue 16), on the `topics`
//! fixture (English and French, `page_size = 2`, unminified so the HTML reads plainly):
//! topic pages with names from `topics.yaml` in each language, page links with
//! `rel=prev/next` and `aria-current`, redirect pages for `aliases`, an alias that
//! takes a page's address, and `check --since` catching a page moved without an alias.

mod common;

use common::*;

fn built() -> Fixture {
    let f = Fixture::new("topics");
    assert_ok(&f.build());
    f
}

#[test]
fn tags_make_topic_pages_named_in_each_language() {
    let f = built();
    let pay = f.read_output("topics/pay/index.html");
    assert!(pay.contains("<h1>Pay</h1>"), "{pay}");
    assert!(pay.contains(">About us</a>"), "{pay}");
    let fr = f.read_output("fr/topics/pay/index.html");
    assert!(fr.contains("<h1>Rémunération</h1>"), "{fr}");
    assert!(fr.contains(">News item 1</a>"), "{fr}");
    // Four pages have the topic: the fourth is on the topic's second page.
    let fr2 = f.read_output("fr/topics/pay/page/2/index.html");
    assert!(fr2.contains(">Qui nous sommes</a>"), "{fr2}");
    let index = f.read_output("fr/topics/index.html");
    assert!(index.contains("<h1>Sujets</h1>"), "{index}");
    assert!(index.contains(">Rôles</a>"), "{index}");
    // Each tagged page lists its topics, a finding from data too.
    let about = f.read_output("about/index.html");
    assert!(
        about.contains("<h2 id=\"ps-topics\">Topics of this page</h2>")
            && about.contains("<a href=\"../topics/pay/\">Pay<span class=\"visually-hidden\"> (topic)</span></a>")
            && about.contains("<a href=\"../topics/roles/\">Roles<span class=\"visually-hidden\"> (topic)</span></a>"),
        "{about}"
    );
    // The finding stands in for its translation: its French topic says it is French.
    let finding = f.read_output("fr/findings/clear-roles/index.html");
    assert!(
        finding.contains("<a href=\"../../../fr/topics/roles/\"><span lang=\"fr\">Rôles</span><span class=\"visually-hidden\"> (sujet)</span></a>"),
        "{finding}"
    );
}

#[test]
fn a_tag_that_is_no_topic_is_an_error_at_the_tag() {
    let f = Fixture::new("topics");
    f.write(
        "content/about.md",
        "---\ntitle: About us\ntags: [pay, rols]\n---\n\nWe are a small team.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains(
            "error: tag \"rols\" is not a topic of content/_data/topics.yaml\n  --> content/about.md:3:13\n"
        ),
        "{err}"
    );
    assert!(err.contains("= help: did you mean roles?"), "{err}");
}

#[test]
fn a_long_list_gets_page_links_with_rel_and_aria_current() {
    let f = built();
    let first = f.read_output("news/index.html");
    assert!(
        first.contains(
            "<nav class=\"pagination\" aria-label=\"Pages of this list\">\n<ul>\n\
<li><a href=\"../news/\" aria-current=\"page\"><span class=\"visually-hidden\">Page 1</span><span aria-hidden=\"true\">1</span></a></li>\n\
<li><a href=\"../news/page/2/\" rel=\"next\"><span class=\"visually-hidden\">Page 2</span><span aria-hidden=\"true\">2</span></a></li>\n\
<li><a href=\"../news/page/2/\" rel=\"next\">Next page</a></li>\n</ul>\n</nav>"
        ),
        "{first}"
    );
    assert!(
        first.contains("<link rel=\"next\" href=\"../news/page/2/\">"),
        "{first}"
    );
    let second = f.read_output("news/page/2/index.html");
    assert!(
        second.contains("<title>News (page 2 of 2) – Topics fixture</title>"),
        "{second}"
    );
    assert!(
        second.contains("<link rel=\"prev\" href=\"../../../news/\">"),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"../../../news/page/2/\" aria-current=\"page\">"),
        "{second}"
    );
    // Newest first: two news items on the first page, the oldest on the second.
    assert_eq!(first.matches("class=\"card\"").count(), 2, "{first}");
    assert!(second.contains(">News item 1</a>"), "{second}");
    let fr = f.read_output("fr/news/page/2/index.html");
    assert!(fr.contains("aria-label=\"Pages de cette liste\""), "{fr}");
}

/// A language that puts words after the number ("第 2 页", Chinese) gets them all: the
/// label was cut at the number, and a screen reader said "第页 2".
#[test]
fn a_page_link_is_named_by_the_whole_phrase_around_its_number() {
    let f = Fixture::new("topics");
    f.write("i18n/fr.toml", "page_number = \"第 {n} 页\"\n");
    assert_ok(&f.build());
    let fr = f.read_output("fr/news/page/2/index.html");
    assert!(
        fr.contains(
            "<span class=\"visually-hidden\">第 2 页</span><span aria-hidden=\"true\">2</span>"
        ),
        "{fr}"
    );
}

#[test]
fn aliases_write_redirect_pages_in_every_language() {
    let f = built();
    let old = f.read_output("about-us/index.html");
    for part in [
        "<meta name=\"robots\" content=\"noindex\">",
        "<link rel=\"canonical\" href=\"https://example.org/about/\">",
        "<meta http-equiv=\"refresh\" content=\"0; url=../about/\">",
        "<a href=\"../about/\">About us</a>",
    ] {
        assert!(old.contains(part), "{part} in {old}");
    }
    // The French page does not repeat the alias: it redirects under /fr/ all the same.
    let fr = f.read_output("fr/about-us/index.html");
    assert!(fr.contains("<html lang=\"fr\""), "{fr}");
    assert!(fr.contains("url=../../fr/about/\">"), "{fr}");
    assert!(fr.contains(">Qui nous sommes</a>"), "{fr}");
    // An alias in a data entry.
    let data = f.read_output("old-roles/index.html");
    assert!(data.contains("url=../findings/clear-roles/\">"), "{data}");
}

#[test]
fn an_alias_at_the_address_of_a_page_is_an_error_at_its_line() {
    let f = Fixture::new("topics");
    f.write(
        "content/about.md",
        "---\ntitle: About us\naliases:\n  - /about-us/\n  - /news/\n---\n\nWe are a small team.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains(
            "error: alias /news/ is already the address of something else\n  --> content/about.md:5:5\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("= help: /news/ is the page /news/ (content/news/_index.md); remove this alias or choose another old address"),
        "{err}"
    );
    assert!(!f.public().exists(), "nothing is written on error");
}

#[test]
fn the_manifest_lists_every_address_with_the_home_page_the_qr_code_opens() {
    let f = built();
    let manifest = f.read_output(".plainsite-manifest");
    for line in [
        "/\tpage\tcontent/_index.md\tHome\n",
        "/fr/\tpage\tcontent/_index.fr.md\tAccueil\n",
        "/about-us/\talias\t/about/\tAbout us\n",
        "/news/page/2/\tlist-page\tcontent/news/_index.md\tNews\n",
        "/topics/pay/\tpage\tcontent/_data/topics.yaml\tPay\n",
    ] {
        assert!(manifest.contains(line), "{line:?} in {manifest}");
    }
}

#[test]
fn check_since_catches_a_page_moved_without_an_alias() {
    let f = built();
    let before = f.dir.path().join("before.manifest");
    std::fs::copy(f.public().join(".plainsite-manifest"), &before).unwrap();
    // The about page moves to /team/ (same file name changed, same title), no alias.
    std::fs::rename(
        f.root().join("content/about.md"),
        f.root().join("content/team.md"),
    )
    .unwrap();
    std::fs::rename(
        f.root().join("content/about.fr.md"),
        f.root().join("content/team.fr.md"),
    )
    .unwrap();
    let err = assert_fails(&f.run(&["check", "--since", "../before.manifest"]));
    assert!(
        err.contains(
            "error: /about/ was published before and is gone now: printed links and bookmarks to it break\n  --> content/team.md\n  = help: the page seems to have moved to /team/ (same title); add  aliases: [/about/]  to the front matter of content/team.md\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: /fr/about/ was published before"),
        "{err}"
    );
    assert!(err.contains("Check found 2 errors"), "{err}");
    // With the alias, the old address redirects and the check passes.
    f.write(
        "content/team.md",
        "---\ntitle: About us\ntags: [pay, roles]\naliases: [/about-us/, /about/]\n---\n\nWe are a small team.\n",
    );
    assert_ok(&f.run(&["check", "--since", "../before.manifest"]));
}

#[test]
fn check_since_reads_an_output_folder_built_before_manifests() {
    let f = built();
    let old = f.dir.path().join("old-site");
    copy_dir(&f.public(), &old);
    std::fs::remove_file(old.join(".plainsite-manifest")).unwrap();
    std::fs::create_dir_all(old.join("gone")).unwrap();
    std::fs::write(old.join("gone/index.html"), "<!DOCTYPE html>").unwrap();
    let err = assert_fails(&f.run(&["check", "--since", "../old-site"]));
    assert!(
        err.contains("error: /gone/ was published before and is gone now"),
        "{err}"
    );
    assert!(err.contains("Check found 1 error,"), "{err}");
}

#[test]
fn check_since_reports_no_further_page_of_a_list_when_page_size_grows_even_from_an_old_manifest() {
    let f = built();
    let manifest = f.read_output(".plainsite-manifest");
    let before = f.dir.path().join("before.manifest");
    std::fs::write(&before, &manifest).unwrap();
    // Written before `list-page` existed: every page was `page`.
    let old_style = f.dir.path().join("old-style.manifest");
    std::fs::write(&old_style, manifest.replace("\tlist-page\t", "\tpage\t")).unwrap();
    // An output folder without a manifest, read as its files.
    let old = f.dir.path().join("old-site");
    copy_dir(&f.public(), &old);
    std::fs::remove_file(old.join(".plainsite-manifest")).unwrap();
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &toml.replace("page_size = 2", "page_size = 20"),
    );
    for since in ["../before.manifest", "../old-style.manifest", "../old-site"] {
        assert_ok(&f.run(&["check", "--since", since]));
    }
    // A page of the author's at a list's page address is no list page: it is reported.
    let mine = "/news/page/2/\tpage\tcontent/news/page/2.md\tMine\n";
    std::fs::write(
        &before,
        manifest.replace(
            "/news/page/2/\tlist-page\tcontent/news/_index.md\tNews\n",
            mine,
        ),
    )
    .unwrap();
    let err = assert_fails(&f.run(&["check", "--since", "../before.manifest"]));
    assert!(
        err.contains("error: /news/page/2/ was published before and is gone now"),
        "{err}"
    );
    assert!(err.contains("Check found 1 error,"), "{err}");
}

/// The topics fixture with the topic `pay` renamed `payment` in both topics files and
/// on every page; `aliases` (a YAML list) added to its English entry when given.
fn rename_pay(f: &Fixture, aliases: Option<&str>) {
    let aliases = aliases.map_or(String::new(), |a| format!("  aliases: {a}\n"));
    f.write(
        "content/_data/topics.yaml",
        &format!("- id: payment\n  name: Pay\n{aliases}  description: Paying people fairly.\n- id: roles\n  name: Roles\n  description: Knowing your role.\n"),
    );
    for rel in [
        "content/_data/topics.fr.yaml",
        "content/about.md",
        "content/about.fr.md",
        "content/news/item-1.md",
        "content/news/item-2.md",
        "content/news/item-3.md",
    ] {
        let text = std::fs::read_to_string(f.root().join(rel)).unwrap();
        let text = text
            .replace("- id: pay\n", "- id: payment\n")
            .replace("[pay,", "[payment,")
            .replace("[pay]", "[payment]");
        f.write(rel, &text);
    }
}

#[test]
fn a_renamed_topic_takes_its_old_id_in_aliases_and_redirects_in_every_language() {
    let f = built();
    let before = f.dir.path().join("before.manifest");
    std::fs::copy(f.public().join(".plainsite-manifest"), &before).unwrap();
    rename_pay(&f, None);
    let err = assert_fails(&f.run(&["check", "--since", "../before.manifest"]));
    assert!(
        err.contains("error: /topics/pay/ was published before and is gone now: printed links and bookmarks to it break\n  --> content/_data/topics.yaml\n  = help: the page seems to have moved to /topics/payment/ (same source file); add  aliases: [/topics/pay/]  to its entry in content/_data/topics.yaml\n"),
        "{err}"
    );
    // Its further page goes with it: two errors, one a language.
    assert!(err.contains("Check found 2 errors"), "{err}");
    // The old id, or the old address, written once in the default language's file.
    for aliases in ["[pay]", "[/topics/pay/]"] {
        rename_pay(&f, Some(aliases));
        assert_ok(&f.run(&["check", "--since", "../before.manifest"]));
    }
    assert_ok(&f.build());
    let manifest = f.read_output(".plainsite-manifest");
    for line in [
        "/topics/pay/\talias\t/topics/payment/\tPay\n",
        "/fr/topics/pay/\talias\t/fr/topics/payment/\tRémunération\n",
    ] {
        assert!(manifest.contains(line), "{line:?} in {manifest}");
    }
    let fr = f.read_output("fr/topics/pay/index.html");
    assert!(
        fr.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../../fr/topics/payment/\">"),
        "{fr}"
    );
}

#[test]
fn a_topic_alias_that_takes_a_pages_address_is_an_error_at_its_line() {
    let f = Fixture::new("topics");
    rename_pay(&f, Some("[pay, /topics/roles/]"));
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: alias /topics/roles/ is already the address of something else\n  --> content/_data/topics.yaml:3:18\n"),
        "{err}"
    );
}

/// The address a page's QR code opens, from its label ("QR code that opens URL"),
/// without the site's base URL.
fn qr_address(html: &str) -> String {
    let svg = html
        .split_once("class=\"qr-code\"")
        .unwrap_or_else(|| panic!("no QR code in {html}"))
        .1;
    let label = svg.split_once("aria-label=\"").unwrap().1;
    let label = &label[..label.find('"').unwrap()];
    let url = label.rsplit(' ').next().unwrap();
    let address = url.strip_prefix("https://example.org").unwrap_or(url);
    address.to_string()
}

#[test]
fn the_briefs_qr_address_is_in_the_manifest_in_every_language_even_untranslated() {
    let f = Fixture::new("topics");
    f.write(
        "content/brief.md",
        "---\ntitle: A brief\ntemplate: brief.html\n---\n\nWhat we found, in short.\n",
    );
    // No French home page of its own: the English one stands in for it.
    std::fs::remove_file(f.root().join("content/_index.fr.md")).unwrap();
    assert_ok(&f.build());
    let manifest = f.read_output(".plainsite-manifest");
    for brief in ["brief/index.html", "fr/brief/index.html"] {
        let address = qr_address(&f.read_output(brief));
        assert!(
            manifest.contains(&format!("\n{address}\tpage\t")),
            "{brief}: {address} in {manifest}"
        );
    }
}

#[test]
fn the_manifest_lists_each_languages_a_z_page_as_the_model_registered_it() {
    let f = built();
    let manifest = f.read_output(".plainsite-manifest");
    for line in [
        "/a-z/\tpage\tsite.toml\tA–Z index\n",
        "/fr/a-z/\tpage\tsite.toml\tIndex de A à Z\n",
    ] {
        assert!(manifest.contains(line), "{line:?} in {manifest}");
    }
}

#[test]
fn an_alias_at_the_a_z_address_is_an_error_at_the_alias() {
    let f = built();
    f.write(
        "content/about.md",
        "---\ntitle: About us\ntags: [pay, roles]\naliases: [/about-us/, /a-z/]\n---\n\nWe are a small team.\n",
    );
    let err = assert_fails(&f.build());
    assert!(
        err.contains("error: alias /a-z/ is already the address of something else"),
        "{err}"
    );
}

/// The example site's own files (its content, theme and site.toml), copied into a
/// temporary folder so a test can move a page.
fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["content", "themes"] {
        copy_dir(&repo().join(folder), &dir.path().join(folder));
    }
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
    dir
}

fn run_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_example_site_has_topic_pages_a_moved_page_with_an_alias_and_check_since_catches_one_without()
{
    let site = example_site();
    let root = site.path();
    assert_ok(&run_in(root, &["build"]));
    let read = |rel: &str| std::fs::read_to_string(root.join("public").join(rel)).unwrap();
    // Topic pages in both languages, with the topics index, from real tags.
    assert!(read("topics/index.html").contains(">Pay</a>"));
    let pay = read("topics/pay/index.html");
    assert!(pay.contains("<h1>Pay</h1>"), "{pay}");
    assert!(pay.contains("recommendations/pay-fairly/"), "{pay}");
    assert!(read("fr/topics/pay/index.html").contains("<h1>Rémunération</h1>"));
    // The realist-review page moved: its old address sends readers to the new one.
    let redirect = read("about/what-is-a-realist-review/index.html");
    assert!(
        redirect.contains(
            "<meta http-equiv=\"refresh\" content=\"0; url=../../about/realist-review/\">"
        ) && redirect.contains("<meta name=\"robots\" content=\"noindex\">"),
        "{redirect}"
    );
    let manifest = read(".plainsite-manifest");
    assert!(
        manifest.contains("/about/what-is-a-realist-review/\talias\t/about/realist-review/\t"),
        "{manifest}"
    );
    // The page moves again, without an alias this time: check --since says so.
    std::fs::copy(
        root.join("public/.plainsite-manifest"),
        root.join("before.manifest"),
    )
    .unwrap();
    for (from, to) in [
        ("realist-review.md", "realist-reviews.md"),
        ("realist-review.fr.md", "realist-reviews.fr.md"),
    ] {
        let about = root.join("content/about");
        std::fs::rename(about.join(from), about.join(to)).unwrap();
    }
    let err = assert_fails(&run_in(root, &["check", "--since", "before.manifest"]));
    assert!(
        err.contains(
            "error: /about/realist-review/ was published before and is gone now: printed links and bookmarks to it break\n  --> content/about/realist-reviews.md\n  = help: the page seems to have moved to /about/realist-reviews/ (same title); add  aliases: [/about/realist-review/]  to the front matter of content/about/realist-reviews.md\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: /fr/about/realist-review/ was published before"),
        "{err}"
    );
}

#[test]
fn a_page_at_a_topic_page_or_the_topics_index_is_an_error_naming_the_topic() {
    let f = Fixture::new("topics");
    f.write(
        "content/topics/pay.md",
        "---\ntitle: Our pay\n---\n\nWe pay fairly.\n",
    );
    f.write(
        "content/topics/_index.md",
        "---\ntitle: All topics\n---\n\nThe topics.\n",
    );
    let err = assert_fails(&f.build());
    for expected in [
        "error: content/topics/pay.md takes the address /topics/pay/, where the page of the topic \"pay\" goes: that page would be lost\n  --> content/topics/pay.md\n",
        "error: content/topics/_index.md takes the address /topics/, where the topics index goes: that page would be lost\n  --> content/topics/_index.md\n",
    ] {
        assert!(err.contains(expected), "{err}");
    }
    // Once in English: the French site shows the same file in its place.
    assert_eq!(
        err.matches("takes the address /topics/pay/").count(),
        1,
        "{err}"
    );
    assert!(!err.contains("/fr/topics/pay/ "), "{err}");
}

#[test]
fn an_alias_that_no_server_could_find_is_an_error_at_its_line() {
    let f = Fixture::new("topics");
    let long = "a".repeat(300);
    f.write(
        "content/about.md",
        &format!("---\ntitle: About us\naliases:\n  - \"/a\\tb/\"\n  - /{long}/\n  - /a%2Fb/\n---\n\nWe are a small team.\n"),
    );
    let err = assert_fails(&f.build());
    for expected in [
        "error: alias \"/a\tb/\" is not an address on this site\n  --> content/about.md:4:5\n",
        "is not an address on this site\n  --> content/about.md:5:5\n",
        "  = help: the part \"aaaaaaaaaaaaaaaaaaaa...\" is 300 bytes long, and a disk allows 255: shorten it\n",
        "error: alias \"/a%2Fb/\" is not an address on this site\n  --> content/about.md:6:5\n",
    ] {
        assert!(err.contains(expected), "{err}");
    }
}

#[test]
fn a_percent_encoded_alias_is_written_where_a_server_looks_for_it() {
    let f = Fixture::new("topics");
    f.write(
        "content/about.md",
        "---\ntitle: About us\ntags: [pay, roles]\naliases: [/%C3%A9t%C3%A9/, /cafe\u{301}/]\n---\n\nWe are a small team.\n",
    );
    assert_ok(&f.build());
    assert!(f.read_output("été/index.html").contains("url=../about/"));
    assert!(f
        .read_output("caf\u{e9}/index.html")
        .contains("url=../about/"));
    let manifest = f.read_output(".plainsite-manifest");
    assert!(manifest.contains("/été/\talias\t/about/\t"), "{manifest}");
}

/// The tester's case topic-missing-translation: the `languages` fixture (English,
/// Chinese, Arabic) with French too; topics in English, Chinese and French, where the
/// French file leaves out "care" and Arabic has none; an English page tagged with both
/// topics, with an alias under the Chinese prefix; its Chinese translation.
fn four_languages() -> Fixture {
    let f = Fixture::new("languages");
    let toml = std::fs::read_to_string(f.root().join("site.toml")).unwrap();
    f.write(
        "site.toml",
        &format!("{toml}\n[languages.fr]\ntitle = \"Site de test\"\ndescription = \"Un site en plusieurs langues.\"\n"),
    );
    f.write(
        "content/_data/topics.yaml",
        "- id: pay\n  name: Pay\n- id: care\n  name: Care\n",
    );
    f.write(
        "content/_data/topics.zh.yaml",
        "- id: pay\n  name: 报酬\n- id: care\n  name: 照护\n",
    );
    f.write(
        "content/_data/topics.fr.yaml",
        "- id: pay\n  name: Rémunération\n",
    );
    f.write(
        "content/about.md",
        "---\ntitle: About this site\ndescription: Who made this site.\nmenu: true\ntags: [pay, care]\naliases: [/old/, /zh/old-zh/]\n---\n\nA small team made this site to test languages.\n",
    );
    f.write(
        "content/about.zh.md",
        "---\ntitle: 关于本站\ntags: [pay]\n---\n\n一个小团队做了这个网站。\n",
    );
    f
}

#[test]
fn a_topic_missing_from_a_translation_stands_in_with_a_warning_at_the_translations_file() {
    let f = four_languages();
    let err = assert_ok(&f.build());
    assert!(
        err.contains("warning: the topic \"care\" is not in content/_data/topics.fr.yaml: its page shows the name from content/_data/topics.yaml\n  --> content/_data/topics.fr.yaml:1:7\n"),
        "{err}"
    );
    assert!(err.contains("- id: care\n"), "{err}");
    assert_eq!(
        err.matches("is not in content/_data/topics").count(),
        1,
        "{err}"
    );
    // The English topic stands in, marked as English, as an untranslated page is.
    let care = f.read_output("fr/topics/care/index.html");
    assert!(care.contains("<h1>Care</h1>"), "{care}");
    assert!(care.contains("class=fallback-notice"), "{care}");
    let about = f.read_output("fr/about/index.html");
    // A French page listed on it says it is French, inside the English content.
    f.write(
        "content/team.fr.md",
        "---\ntitle: Notre équipe\ntags: [care]\n---\n\nNous faisons ce site.\n",
    );
    assert_ok(&f.build());
    let care = f.read_output("fr/topics/care/index.html");
    assert!(care.contains("<li class=card lang=fr>"), "{care}");
    assert!(care.contains("<li class=card lang=en>"), "{care}");
    assert!(about.contains("lang=en>Care</span>"), "{about}");
    assert!(about.contains(">Rémunération</span>"), "{about}");
}

/// The start tag of the first link whose text is `words` (in the menu, on a page).
fn link_tag<'h>(html: &'h str, words: &str) -> &'h str {
    let end =
        (html.find(&format!(">{words}</a>"))).unwrap_or_else(|| panic!("a link {words} in {html}"));
    let start = html[..end].rfind("<a ").unwrap();
    &html[start..end]
}

#[test]
fn generated_pages_in_a_language_are_marked_in_its_words_not_as_the_default_languages() {
    let f = four_languages();
    assert_ok(&f.build());
    // Arabic has no topics file: its topics stand in, its topics index is in Arabic.
    let index = f.read_output("ar/topics/index.html");
    assert!(!index.contains("class=fallback-notice"), "{index}");
    assert!(
        index.contains(
            "<li class=card lang=en><h2 class=card-title><a href=../../ar/topics/pay/>Pay</a>"
        ),
        "{index}"
    );
    for (page, topics) in [
        ("ar/index.html", "المواضيع"),
        ("ar/topics/index.html", "المواضيع"),
        ("ar/a-z/index.html", "المواضيع"),
        ("ar/topics/pay/index.html", "المواضيع"),
        ("zh/topics/index.html", "主题"),
        ("fr/topics/index.html", "Sujets"),
        ("fr/a-z/index.html", "Sujets"),
    ] {
        let html = f.read_output(page);
        let link = link_tag(&html, topics);
        assert!(!link.contains("lang="), "{page}: {link}");
    }
    let a_z = f.read_output("ar/a-z/index.html");
    let entries = a_z.split("<main").nth(1).unwrap();
    assert!(
        entries.contains(">المواضيع</a>"),
        "the index is in the Arabic A–Z: {a_z}"
    );
}

#[test]
fn an_alias_under_a_languages_prefix_is_that_languages_alone() {
    let f = four_languages();
    assert_ok(&f.build());
    let old = f.read_output("zh/old-zh/index.html");
    assert!(
        old.contains("url=../../zh/about/\">"),
        "to the Chinese version: {old}"
    );
    for copy in ["fr/zh/old-zh", "ar/zh/old-zh", "zh/zh/old-zh"] {
        assert!(!f.public().join(copy).exists(), "{copy} was written");
    }
    // An alias without a prefix still redirects in every language.
    for (old, to) in [
        ("old/index.html", "url=../about/\">"),
        ("fr/old/index.html", "url=../../fr/about/\">"),
        ("ar/old/index.html", "url=../../ar/about/\">"),
    ] {
        assert!(f.read_output(old).contains(to), "{old}");
    }
    let manifest = f.read_output(".plainsite-manifest");
    assert!(!manifest.contains("/fr/zh/"), "{manifest}");
}

/// A tag written twice, on a page or a data entry, is a warning at the second one, and
/// the page shows the topic once (it showed "Pay" three times).
#[test]
fn a_tag_given_twice_is_a_warning_at_the_second_and_the_page_shows_it_once() {
    let f = Fixture::new("topics");
    f.write(
        "content/about.md",
        "---\ntitle: About us\ntags: [pay, roles, pay]\n---\n\nWe are a small team.\n",
    );
    f.write(
        "content/_data/findings.yaml",
        "- id: clear-roles\n  title: Clear roles help\n  summary: People do better when they know their role.\n  effect: benefit\n  tags: [roles, roles]\n",
    );
    let out = f.build();
    assert_ok(&out);
    let err = stderr(&out);
    assert_eq!(
        places_of(&err, "warning:", "tag \"pay\" is given twice"),
        ["content/about.md:3:20"],
        "{err}"
    );
    assert_eq!(
        places_of(&err, "warning:", "tag \"roles\" is given twice"),
        ["content/_data/findings.yaml:5:17"],
        "{err}"
    );
    let about = f.read_output("about/index.html");
    let topics = about
        .split("class=\"page-topics\"")
        .nth(1)
        .unwrap_or_default();
    assert_eq!(topics.matches(">Pay<span").count(), 1, "{about}");
    let finding = f.read_output("findings/clear-roles/index.html");
    let topics = finding
        .split("class=\"page-topics\"")
        .nth(1)
        .unwrap_or_default();
    assert_eq!(topics.matches(">Roles<span").count(), 1, "{finding}");
}

/// An alias at the page's own address says so, rather than naming the page as
/// "something else" whose address it is.
#[test]
fn an_alias_at_the_pages_own_address_says_it_is_the_pages_own() {
    let f = Fixture::new("topics");
    f.write(
        "content/about.md",
        "---\ntitle: About us\naliases: [/about/]\n---\n\nWe are a small team.\n",
    );
    let err = assert_fails(&f.build());
    assert_eq!(
        places_of(&err, "error:", "alias /about/ is this page's own address"),
        ["content/about.md:3:11"],
        "{err}"
    );
    assert!(!err.contains("something else"), "{err}");
}

/// A topics file with an error says only that error: its tags are not then reported as
/// making no topic page ("the site has no topics.yaml"), nor its topics as untranslated.
/// An empty topics.yaml is named as empty, not as missing.
#[test]
fn a_topics_file_with_an_error_gives_that_error_and_no_guesses_about_tags() {
    let f = Fixture::new("topics");
    f.write("content/_data/topics.yaml", "- id: pay\n  name: [Pay\n");
    let err = assert_fails(&f.build());
    assert_eq!(
        places_of(&err, "error:", "this value must be one value"),
        ["content/_data/topics.yaml:2:9"],
        "{err}"
    );
    assert!(!err.contains("makes no topic page"), "{err}");
    let f = Fixture::new("topics");
    f.write(
        "content/_data/topics.fr.yaml",
        "- id: pay\n  name: Rémunération\n  name: Paie\n",
    );
    let err = assert_fails(&f.build());
    assert!(err.contains("the key name is written twice"), "{err}");
    assert!(
        !err.contains("is not in content/_data/topics.fr.yaml"),
        "{err}"
    );
    let f = Fixture::new("topics");
    f.write("content/_data/topics.yaml", "");
    f.write("content/_data/topics.fr.yaml", "");
    let out = f.build();
    let err = stderr(&out);
    assert!(
        err.contains(
            "makes no topic page (it is on 2 pages): content/_data/topics.yaml lists no topics"
        ),
        "{err}"
    );
}

/// A page's topic links say they are topics to a screen reader ("Pay (topic)"), so a
/// topic and the glossary word of the same name, both linked by the build, are not
/// "two links that say Pay but lead to different places", a warning the author could
/// not act on.
#[test]
fn a_topic_and_a_glossary_word_of_the_same_name_are_links_that_say_which_is_which() {
    let f = Fixture::new("topics");
    f.write(
        "content/_data/glossary.yaml",
        "- term: Pay\n  definition: Money for the work people do.\n",
    );
    f.write(
        "content/about.md",
        "---\ntitle: About us\ntags: [pay, roles]\n---\n\nWe talk about pay.\n",
    );
    let err = assert_ok(&f.build());
    assert!(!err.contains("link-text-repeated"), "{err}");
    let html = f.read_output("about/index.html");
    assert!(
        html.contains("Pay<span class=\"visually-hidden\"> (topic)</span></a>"),
        "{html}"
    );
}
