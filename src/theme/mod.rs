//! Stage 6, theme: the theme's Tera templates ([`templates`]), what they see
//! ([`views`]), the time bound on rendering them ([`watchdog`]) and the QR codes they
//! draw ([`qr`]).

pub mod qr;
pub mod share_card;
pub mod statement;
pub mod templates;
pub mod views;
pub mod watchdog;
