//! How a chart writes its numbers: for readers, the way the page's language writes them
//! (1,200 and 3.5 and 45% in English; 1 200 and 3,5 and 45 % in French), from the theme
//! words `number_decimal`, `number_group` and `percent`; for the CSV download, plainly
//! and exactly (1200, 3.25), so any spreadsheet in any language reads the same values.
//! The colon between a label and its number follows the language too.

use crate::load::i18n::Strings;

/// A way of writing numbers.
#[derive(Clone, Copy)]
pub struct Numbers<'a> {
    decimal: &'a str,
    group: &'a str,
    percent: &'a str,
    colon: &'a str,
    /// Keep every digit (data files) rather than one decimal place (text for readers).
    exact: bool,
}

impl<'a> Numbers<'a> {
    /// Numbers as readers of the language of `w` write them.
    pub fn of(w: &'a Strings) -> Numbers<'a> {
        Numbers {
            decimal: w.get("number_decimal"),
            group: w.get("number_group"),
            percent: w.get("percent"),
            colon: w.get("colon"),
            exact: false,
        }
    }

    /// Numbers for a data file: no grouping, a full stop before decimals, every digit.
    pub fn plain() -> Numbers<'static> {
        Numbers {
            decimal: ".",
            group: "",
            percent: "{n}%",
            colon: ": ",
            exact: true,
        }
    }

    /// A number grouped by thousands, with one decimal place unless it is whole (1,200
    /// and 1,200.5); the tenths rounded half away from zero, as readers round (3.25 is
    /// 3.3), as [`Numbers::percent_of`] rounds.
    pub fn number(&self, v: f64) -> String {
        let whole = v.fract().abs() < 1e-9;
        if self.exact && !whole {
            return v.to_string().replace('.', self.decimal);
        }
        if !v.is_finite() || v.abs() >= 1e15 {
            return format!("{v:.1}").replace('.', self.decimal);
        }
        // At most 1e16 tenths: exact in a u64.
        let tenths = (v.abs() * 10.0).round() as u64;
        let digits = (tenths / 10).to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * self.group.len() + 4);
        if v < 0.0 && tenths > 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(self.group);
            }
            out.push(c);
        }
        if !whole {
            out.push_str(self.decimal);
            out.push(char::from(b'0' + (tenths % 10) as u8));
        }
        out
    }

    /// A share of a whole, in percent, to one decimal place.
    pub fn percent_of(&self, part: f64, whole: f64) -> String {
        let share = (part / whole.max(1e-9) * 1000.0).round() / 10.0;
        self.percent.replace("{n}", &self.number(share))
    }

    /// What goes between a label and its number: ": " in English, " : " in French.
    pub fn colon(&self) -> &'a str {
        self.colon
    }

    /// A number followed by its unit, if the chart has one.
    pub fn with_unit(&self, v: f64, unit: Option<&str>) -> String {
        match unit {
            Some(u) => format!("{} {u}", self.number(v)),
            None => self.number(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_groups_thousands_with_commas() {
        let w = Strings::default();
        let n = Numbers::of(&w);
        assert_eq!(n.number(1200.0), "1,200");
        assert_eq!(n.number(-1234567.0), "-1,234,567");
        assert_eq!(n.number(3.25), "3.3");
        assert_eq!(n.percent_of(1.0, 3.0), "33.3%");
        assert_eq!(n.with_unit(85.0, Some("papers")), "85 papers");
    }

    #[test]
    fn numbers_with_decimals_are_grouped_by_thousands_and_rounded_half_away_from_zero() {
        let w = Strings::default();
        let n = Numbers::of(&w);
        assert_eq!(n.number(1200.5), "1,200.5");
        assert_eq!(n.number(98765.25), "98,765.3");
        assert_eq!(n.number(-1234.56), "-1,234.6");
        assert_eq!(n.number(12345678.0), "12,345,678");
        assert_eq!(n.number(0.04), "0.0");
        let fr = Strings::from_pairs(&[("number_decimal", ","), ("number_group", "\u{202f}")]);
        assert_eq!(Numbers::of(&fr).number(1200.5), "1\u{202f}200,5");
        assert_eq!(Numbers::plain().number(1200.5), "1200.5");
    }

    #[test]
    fn french_uses_a_comma_and_narrow_spaces() {
        let w = Strings::from_pairs(&[
            ("number_decimal", ","),
            ("number_group", "\u{202f}"),
            ("percent", "{n}\u{a0}%"),
        ]);
        let n = Numbers::of(&w);
        assert_eq!(n.number(1200.0), "1\u{202f}200");
        assert_eq!(n.number(3.5), "3,5");
        assert_eq!(n.percent_of(1.0, 2.0), "50\u{a0}%");
    }

    #[test]
    fn data_files_keep_every_digit_and_no_grouping() {
        let n = Numbers::plain();
        assert_eq!(n.number(1200.0), "1200");
        assert_eq!(n.number(3.25), "3.25");
        assert_eq!(n.number(-0.125), "-0.125");
    }
}
