//! The review's data files with a fixed shape under `content/_data/`, named once: the
//! loaders, the checks and the pipeline find a file by its [`DataFile`], not by
//! spelling out its name.

/// A data file plainsite reads for its own meaning (any other `.yaml` file under
/// `_data/` goes to the templates as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    Findings,
    Recommendations,
    Glossary,
    People,
    KeyMessages,
    Topics,
    Charts,
    RespectfulTerms,
    /// The changelog.
    Changes,
    /// The accessibility statement's facts (one record, not a list).
    Accessibility,
}

impl DataFile {
    pub const ALL: [DataFile; 10] = [
        DataFile::Findings,
        DataFile::Recommendations,
        DataFile::Glossary,
        DataFile::People,
        DataFile::KeyMessages,
        DataFile::Topics,
        DataFile::Charts,
        DataFile::RespectfulTerms,
        DataFile::Changes,
        DataFile::Accessibility,
    ];

    /// Whether the file holds words for readers, which each language translates in its
    /// own copy (`findings.fr.yaml`). A site's own list of respectful terms is one list for
    /// every language: each term says its language.
    pub const fn has_words_to_translate(self) -> bool {
        !matches!(self, DataFile::RespectfulTerms)
    }

    /// Its path under `content/`, as written with `.yaml`.
    pub const fn rel(self) -> &'static str {
        match self {
            DataFile::Findings => "_data/findings.yaml",
            DataFile::Recommendations => "_data/recommendations.yaml",
            DataFile::Glossary => "_data/glossary.yaml",
            DataFile::People => "_data/people.yaml",
            DataFile::KeyMessages => "_data/key_messages.yaml",
            DataFile::Topics => "_data/topics.yaml",
            DataFile::Charts => "_data/charts.yaml",
            DataFile::RespectfulTerms => "_data/respectful_terms.yaml",
            DataFile::Changes => "_data/changes.yaml",
            DataFile::Accessibility => "_data/accessibility.yaml",
        }
    }

    /// The file at `rel` under `content/`, written with `.yaml` or `.yml`.
    pub fn of(rel: &str) -> Option<DataFile> {
        let stem = rel
            .strip_suffix(".yaml")
            .or_else(|| rel.strip_suffix(".yml"))?;
        DataFile::ALL
            .into_iter()
            .find(|f| f.rel().strip_suffix(".yaml") == Some(stem))
    }

    /// What its entries are, in a sentence ("a list of glossary terms").
    pub fn entries(self) -> &'static str {
        match self {
            DataFile::Findings => "findings",
            DataFile::Recommendations => "recommendations",
            DataFile::Glossary => "glossary terms",
            DataFile::People => "people",
            DataFile::KeyMessages => "key messages",
            DataFile::Topics => "topics",
            DataFile::Charts => "charts",
            DataFile::RespectfulTerms => "entries",
            DataFile::Changes => "changes",
            DataFile::Accessibility => "facts",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_file_is_known_by_either_extension_and_nothing_else() {
        assert_eq!(DataFile::of("_data/people.yml"), Some(DataFile::People));
        assert_eq!(
            DataFile::of("_data/key_messages.yaml"),
            Some(DataFile::KeyMessages)
        );
        assert_eq!(DataFile::of("_data/sessions.yaml"), None);
        assert_eq!(DataFile::of("people.yaml"), None);
        for f in DataFile::ALL {
            assert_eq!(DataFile::of(f.rel()), Some(f));
        }
    }
}
