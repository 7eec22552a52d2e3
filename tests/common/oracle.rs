//! The sanitizer's oracle, shared by the tests and the fuzz target: reads HTML as a
//! browser does (html5ever, through scraper) and says why it could run a script.

/// Attributes a browser follows or loads as an address.
const ADDRESS_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "codebase",
    "dynsrc",
    "lowsrc",
    "ping",
    "longdesc",
    "usemap",
    "icon",
    "manifest",
    "srcdoc",
];

/// Why `html` (a fragment of a built page) could run a script, if it could.
pub fn script_risk(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_fragment(html);
    for el in doc
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
    {
        let v = el.value();
        let name = v.name();
        if matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "base" | "form" | "frame" | "applet"
        ) {
            return Some(format!("a <{name}> element"));
        }
        for (attr, value) in v.attrs() {
            let squeezed: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if attr.to_ascii_lowercase().starts_with("on") {
                return Some(format!("the {attr} attribute of <{name}>"));
            }
            if name == "meta" && attr.eq_ignore_ascii_case("http-equiv") {
                return Some("a <meta http-equiv>".into());
            }
            if attr == "style"
                && (squeezed.contains("javascript:") || squeezed.contains("expression("))
            {
                return Some(format!("a script in the style of <{name}>"));
            }
            if ADDRESS_ATTRIBUTES.contains(&attr.to_ascii_lowercase().as_str())
                && squeezed.split(',').any(|address| {
                    ["javascript:", "vbscript:", "data:text/html"]
                        .iter()
                        .any(|s| address.starts_with(s))
                })
            {
                return Some(format!("a script address in {attr} of <{name}>: {value}"));
            }
        }
    }
    None
}
