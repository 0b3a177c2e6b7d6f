//! The Bayeux (CometD) message around a notification, and meta-channel replies (spec §2).

use crate::json::RawJson;

wire_struct! {
    /// The fields of a Bayeux message other than `data`: `channel`, `id`, `clientId`, `ext`, and
    /// the fields of meta-channel replies (`successful`, `advice`, `error`, …).
    pub struct BayeuxMessage {
        /// The channel: a topic such as `/v2/me/chats`, or a meta channel (`/meta/connect`, …).
        opt channel: String = "channel",
        /// Message id.
        opt id: String = "id",
        /// The CometD session.
        opt client_id: String = "clientId",
        /// Whether a meta request succeeded.
        opt successful: bool = "successful",
        /// Why a meta request failed.
        opt error: String = "error",
        /// The server's advice (reconnect policy, intervals).
        opt advice: Advice = "advice",
        /// Extension data (kept as written).
        opt ext: RawJson = "ext",
        /// The subscription a `/meta/subscribe` reply is about (a string or an array).
        opt subscription: RawJson = "subscription",
        /// Protocol version (`/meta/handshake`).
        opt version: String = "version",
        /// Minimum protocol version (`/meta/handshake`).
        opt minimum_version: String = "minimumVersion",
        /// Transports the server supports (`/meta/handshake`).
        opt supported_connection_types: Vec<String> = "supportedConnectionTypes",
        /// The transport used (`/meta/connect`).
        opt connection_type: String = "connectionType",
        /// When the message was sent (kept as written).
        opt timestamp: String = "timestamp",
    }
}

impl BayeuxMessage {
    /// A message on `channel`.
    pub fn on_channel(channel: impl Into<String>) -> Self {
        BayeuxMessage {
            channel: Some(channel.into()),
            ..Self::default()
        }
    }

    /// `true` for a meta channel (`/meta/…`).
    pub fn is_meta(&self) -> bool {
        self.channel
            .as_deref()
            .is_some_and(|c| c.starts_with("/meta/"))
    }
}

wire_struct! {
    /// `advice`: how the client should reconnect.
    pub struct Advice {
        /// `retry`, `handshake` or `none`.
        opt reconnect: Reconnect = "reconnect",
        /// Milliseconds to wait before the next connect.
        opt interval: i64 = "interval",
        /// Milliseconds the server holds a long poll.
        opt timeout: i64 = "timeout",
        /// Milliseconds the server keeps a session without a connect.
        opt max_interval: i64 = "maxInterval",
    }
}

string_enum! {
    /// `advice.reconnect`: what the client should do next.
    pub enum Reconnect {
        /// Connect again (after `interval`).
        Retry = "retry",
        /// Handshake again: the session is gone.
        Handshake = "handshake",
        /// Do not reconnect.
        None = "none",
    }
}

/// `true` when `channel` is a well-formed Bayeux channel name: `/` followed by one or more
/// non-empty segments of letters, digits and `-_.!~*'()`, the last segment possibly `*` or `**`.
pub fn is_channel_name(channel: &str) -> bool {
    let Some(rest) = channel.strip_prefix('/') else {
        return false;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    segments.iter().enumerate().all(|(i, s)| {
        if i == last && (*s == "*" || *s == "**") {
            return true;
        }
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c))
            && !s.contains('*')
    })
}
