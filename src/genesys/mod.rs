//! Genesys Web Services (Workspace Web Edition) chat notifications on the CometD topic
//! `/v2/me/chats`: `ChatStateChangeMessage` and `MessageLogUpdated`, in the three forms seen in
//! practice (the `data` object alone, `{"data": …}`, a whole Bayeux message), and long-poll
//! batches with meta-channel replies. Types are named after the GWS documentation.

mod bayeux;
mod chat;
mod enums;
mod message_log;
pub(crate) mod notification;
mod peek;
mod time;
mod validate;

pub use bayeux::{Advice, BayeuxMessage, Reconnect, is_channel_name};
pub use chat::{Attachment, Chat, ChatId, ChatStateChangeMessage, Participant, UserData};
pub use enums::{
    Capability, ChatState, ChatType, MessageItemType, NotificationType, ParticipantType,
    SystemCommandNotice, Visibility,
};
pub use message_log::{MessageItem, MessageLogUpdated, Messages};
pub use notification::{
    Data, Notification, UnknownData, parse_batch, parse_notification, parse_notification_slice,
};
pub use peek::{Peek, peek_notification};
pub use time::{Timestamp, TimestampSeconds};
pub use validate::validate_notification;
