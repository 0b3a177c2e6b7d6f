//! `clientProperties`: the device and app a participant uses (spec §6).

use super::enums::{DeviceFamily, Feature, Integration, Os};

wire_struct! {
    /// Device and application facts (`originatorMetadata.clientProperties`,
    /// `originatorClientProperties`, `context.clientProperties`). Every field is optional;
    /// agent originators often carry only `type` and `ipAddress`.
    pub struct ClientProperties {
        /// The header type, `.ClientProperties` on the wire (`.ams.headers.ClientProperties` in
        /// the schema).
        opt properties_type: String = "type",
        /// Application id.
        opt app_id: String = "appId",
        /// Application version.
        opt app_version: String = "appVersion",
        /// IP address.
        opt ip_address: String = "ipAddress",
        /// Device family.
        opt device_family: DeviceFamily = "deviceFamily",
        /// Operating system.
        opt os: Os = "os",
        /// Operating system version.
        opt os_version: String = "osVersion",
        /// Operating system name.
        opt os_name: String = "osName",
        /// Integration kind.
        opt integration: Integration = "integration",
        /// Integration version.
        opt integration_version: String = "integrationVersion",
        /// Browser (free text, e.g. `CHROME`).
        opt browser: String = "browser",
        /// Browser version.
        opt browser_version: String = "browserVersion",
        /// Time zone.
        opt time_zone: String = "timeZone",
        /// Device manufacturer.
        opt device_manufacture: String = "deviceManufacture",
        /// Device model.
        opt device_model: String = "deviceModel",
        /// Client features.
        opt features: Vec<Feature> = "features",
    }
}
