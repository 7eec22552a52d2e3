//! Why the writing room's edit and upload addresses refuse a request, in the language of
//! the page the author is on: English, French, Chinese or Arabic (the languages the
//! default theme has words for). The author view sends the page's language in the
//! `X-Plainsite-Lang` header; any other language gets English.

/// The language a refusal is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
    Zh,
    Ar,
}

impl Lang {
    /// The language of a page's `lang` attribute (`fr`, `fr-CA`, `zh-Hans`...).
    pub fn of(code: Option<&str>) -> Lang {
        let main = code
            .unwrap_or("")
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match main.as_str() {
            "fr" => Lang::Fr,
            "zh" => Lang::Zh,
            "ar" => Lang::Ar,
            _ => Lang::En,
        }
    }
}

/// What a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoKey,
    NotThisComputer,
    ForeignOrigin,
    PageNotEditable,
    EntryNotEditable,
    NoEntryThere,
    NoImageThere,
    NoPageThere,
    NotAnImage,
    ImageCutShort,
    NoAltText,
    AltOnOneLine,
    NewPageName,
    NameTaken,
    NothingSaved,
}

impl Refusal {
    /// The refusal in `lang`; `{file}` in it stands for a file's name.
    pub fn say(self, lang: Lang) -> &'static str {
        let [en, fr, zh, ar] = self.words();
        match lang {
            Lang::En => en,
            Lang::Fr => fr,
            Lang::Zh => zh,
            Lang::Ar => ar,
        }
    }

    /// The refusal in English, French, Chinese and Arabic.
    fn words(self) -> Words {
        match self {
            Refusal::NoKey => NO_KEY,
            Refusal::NotThisComputer => NOT_THIS_COMPUTER,
            Refusal::ForeignOrigin => FOREIGN_ORIGIN,
            Refusal::PageNotEditable => PAGE_NOT_EDITABLE,
            Refusal::EntryNotEditable => ENTRY_NOT_EDITABLE,
            Refusal::NoEntryThere => NO_ENTRY_THERE,
            Refusal::NoImageThere => NO_IMAGE_THERE,
            Refusal::NoPageThere => NO_PAGE_THERE,
            Refusal::NotAnImage => NOT_AN_IMAGE,
            Refusal::ImageCutShort => IMAGE_CUT_SHORT,
            Refusal::NoAltText => NO_ALT_TEXT,
            Refusal::AltOnOneLine => ALT_ON_ONE_LINE,
            Refusal::NewPageName => NEW_PAGE_NAME,
            Refusal::NameTaken => NAME_TAKEN,
            Refusal::NothingSaved => NOTHING_SAVED,
        }
    }
}

/// A refusal in English, French, Chinese and Arabic.
type Words = [&'static str; 4];

const NO_KEY: Words = [
    "Editing needs the key in the address serve --edit printed",
    "Pour modifier, il faut la clé de l'adresse affichée par serve --edit",
    "编辑需要 serve --edit 显示的地址中的密钥",
    "يحتاج التعديل إلى المفتاح الموجود في العنوان الذي عرضه serve --edit",
];

const NOT_THIS_COMPUTER: Words = [
    "Editing answers only to this computer",
    "La modification ne répond qu'à cet ordinateur",
    "只有这台电脑可以编辑",
    "لا يقبل التعديل إلا من هذا الحاسوب",
];

const FOREIGN_ORIGIN: Words = [
    "Edits are taken only from this server's own pages",
    "Les modifications ne viennent que des pages de ce serveur",
    "只接受来自本服务器页面的修改",
    "لا تُقبل التعديلات إلا من صفحات هذا الخادم",
];

const PAGE_NOT_EDITABLE: Words = [
    "No page at that address can be edited here",
    "Aucune page à cette adresse ne peut être modifiée ici",
    "这个地址的页面不能在这里编辑",
    "لا يمكن تعديل أي صفحة بهذا العنوان هنا",
];

const ENTRY_NOT_EDITABLE: Words = [
    "No data entry at that address can be edited here",
    "Aucune fiche à cette adresse ne peut être modifiée ici",
    "这个地址的条目不能在这里编辑",
    "لا يمكن تعديل أي مدخل بهذا العنوان هنا",
];

const NO_ENTRY_THERE: Words = [
    "No entry can be added there",
    "Aucune fiche ne peut être ajoutée là",
    "不能在那里添加条目",
    "لا يمكن إضافة مدخل هناك",
];

const NO_IMAGE_THERE: Words = [
    "No image can be added there",
    "Aucune image ne peut être ajoutée là",
    "不能在那里添加图片",
    "لا يمكن إضافة صورة هناك",
];

const NO_PAGE_THERE: Words = [
    "No page can be made there",
    "Aucune page ne peut être créée là",
    "不能在那里新建页面",
    "لا يمكن إنشاء صفحة هناك",
];

const NOT_AN_IMAGE: Words = [
            "This file is not a PNG, JPEG, GIF or WebP image: save it as one of these, then add it again",
            "Ce fichier n'est pas une image PNG, JPEG, GIF ou WebP : enregistrez-le dans l'un de ces formats, puis ajoutez-le à nouveau",
            "这个文件不是 PNG、JPEG、GIF 或 WebP 图片：请存成其中一种格式，再添加一次",
            "هذا الملف ليس صورة PNG أو JPEG أو GIF أو WebP: احفظه بإحدى هذه الصيغ، ثم أضفه مرة أخرى",
];

const IMAGE_CUT_SHORT: Words = [
            "This image cannot be read, perhaps it was cut short: open it and save it again, then add it again",
            "Cette image ne peut pas être lue, peut-être est-elle coupée : ouvrez-la et enregistrez-la à nouveau, puis ajoutez-la à nouveau",
            "无法读取这张图片，可能文件不完整：请打开它再存一次，然后再添加",
            "لا يمكن قراءة هذه الصورة، ربما هي ناقصة: افتحها واحفظها مرة أخرى، ثم أضفها مرة أخرى",
];

const NO_ALT_TEXT: Words = [
            "Say what the image shows (its alt text), or mark it as decorative",
            "Dites ce que montre l'image (son texte de remplacement), ou indiquez qu'elle est seulement décorative",
            "请说明图片显示的内容（替代文字），或标明它只是装饰",
            "قل ما تُظهره الصورة (نصها البديل)، أو اجعلها زخرفية",
];

const ALT_ON_ONE_LINE: Words = [
    "The alt text must be one line",
    "Le texte de remplacement doit tenir sur une ligne",
    "替代文字必须只有一行",
    "يجب أن يكون النص البديل سطرًا واحدًا",
];

const NEW_PAGE_NAME: Words = [
            "A new page needs a title, and a name of small letters, digits and dashes (such as our-team)",
            "Une nouvelle page a besoin d'un titre, et d'un nom en petites lettres, chiffres et tirets (comme notre-equipe)",
            "新页面需要一个标题，以及由小写字母、数字和连字符组成的名字（例如 our-team）",
            "تحتاج الصفحة الجديدة إلى عنوان، وإلى اسم من حروف صغيرة وأرقام وشرطات (مثل our-team)",
];

const NAME_TAKEN: Words = [
    "{file} is there already: choose another name",
    "{file} existe déjà : choisissez un autre nom",
    "{file} 已经存在：请换一个名字",
    "{file} موجود بالفعل: اختر اسمًا آخر",
];

const NOTHING_SAVED: Words = [
    "Nothing was saved",
    "Rien n'a été enregistré",
    "没有保存任何内容",
    "لم يُحفظ شيء",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_language_chooses_and_any_other_gets_english() {
        assert_eq!(Lang::of(Some("fr-CA")), Lang::Fr);
        assert_eq!(Lang::of(Some("zh-Hans")), Lang::Zh);
        assert_eq!(Lang::of(Some("AR")), Lang::Ar);
        assert_eq!(Lang::of(Some("de")), Lang::En);
        assert_eq!(Lang::of(None), Lang::En);
        assert_eq!(
            Refusal::NoAltText.say(Lang::Fr),
            "Dites ce que montre l'image (son texte de remplacement), ou indiquez qu'elle est seulement décorative"
        );
    }
}
