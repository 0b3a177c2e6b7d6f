//! LivePerson Connector API webhook notifications: `ms.MessagingEventNotification` (content,
//! rich content, accept status and chat state events) and `cqm.ExConversationChangeNotification`
//! (conversation snapshots). Types are named after LivePerson's own concepts.

mod change;
mod client_properties;
mod content;
mod conversation;
mod enums;
pub(crate) mod envelope;
mod event;
mod ids;
mod metadata;
mod peek;
#[cfg(feature = "signature")]
pub mod signature;
mod subscription;
pub(crate) mod time;
mod validate;

pub use change::{MessagingChange, OriginatorMetadata};
pub use client_properties::ClientProperties;
pub use content::{
    Content, ContentEvent, HostedFile, OtherContent, SecureFormInvitation, SecureFormSubmission,
};
pub use conversation::{
    CampaignInfo, Context, ConversationChange, ConversationDetails, ConversationHandlerDetails,
    ConversationResult, Csat, Delay, Dialog, NumberOrString, Participant, Participants, Ttr,
};
pub use enums::{
    AcceptStatus, ChangeType, ChannelType, ChatState, CloseReason, ContentType, ContextType,
    ConversationState, CsatStatus, DelayType, DeviceFamily, DialogType, Feature, FileType,
    Integration, Kind, MessageAudience, NotificationType, Os, ParticipantState, Role, TtrType,
};
pub use envelope::{
    Body, ChangeItem, ChangeKind, Envelope, ExConversationChangeNotification, MalformedChange,
    MessagingEventNotification, Notification, UnknownNotification, parse_notification,
    parse_notification_slice, parse_notification_strict, parse_notification_strict_slice,
};
// Every type of `event` and `metadata` is public API: a new event or metadata type needs no
// line here.
pub use event::*;
pub use ids::{ConversationId, DialogId, ParticipantId};
pub use metadata::*;
pub use peek::{ChangePeek, Peek, peek_notification};
pub use subscription::WebhookSubscription;
pub use validate::{
    EARLIEST_TIMESTAMP, LATEST_TIMESTAMP, validate_notification, validate_notification_with,
};
