//! The IAM access-key shapes, written with the derive as any user would.
//! Constraints follow the IAM API reference (`AccessKey` data type).

use serde::{Deserialize, Serialize};

use crate::{schema, SecretString, Timestamp, Validate};

/// One public model type, by name: what the CLI's `--type` and the xtask
/// iterate over.
pub struct ModelType {
    /// The type's name, as in the IAM reference (`AccessKey`).
    pub name: &'static str,
    /// Its schema file (see [`schema::document`]).
    pub schema: fn() -> String,
    /// [`from_json_with`](crate::from_json_with) for this type, the value dropped.
    pub check: fn(&[u8], &crate::Limits) -> Result<(), crate::ValidationErrors>,
}

macro_rules! model_types {
    ($($t:ident),* $(,)?) => {
        /// Every public model type, in a stable order.
        pub const MODEL_TYPES: &[ModelType] = &[
            $(ModelType {
                name: stringify!($t),
                schema: schema::document::<$t>,
                check: |bytes, limits| crate::from_json_with::<$t>(bytes, limits).map(drop),
            },)*
        ];
    };
}

/// Calls `$m!` with `$prefix` followed by every IAM model type's name,
/// comma-separated, in [`MODEL_TYPES`]' order: the one list that the model
/// types, the xtask's shapes and the OpenAPI test iterate. Not an API.
#[doc(hidden)]
#[macro_export]
macro_rules! __with_model_types {
    ($m:ident { $($prefix:tt)* }) => {
        $m! {
            $($prefix)*
            AccessKey,
            AccessKeyMetadata,
            AccessKeyLastUsed,
            CreateAccessKeyRequest,
            CreateAccessKeyResponse,
            ListAccessKeysRequest,
            ListAccessKeysResponse,
            UpdateAccessKeyRequest,
            DeleteAccessKeyRequest
        }
    };
}

__with_model_types!(model_types {});

/// The model type called `name`, if there is one.
pub fn model_type(name: &str) -> Option<&'static ModelType> {
    MODEL_TYPES.iter().find(|m| m.name == name)
}

/// The status of an access key: `Active` keys are valid for API calls,
/// `Inactive` keys are not.
#[derive(Validate, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusType {
    /// The key is valid for API calls.
    Active,
    /// The key is not valid for API calls.
    Inactive,
}

/// Contains information about an AWS access key: the response element of
/// `CreateAccessKey` and `ListAccessKeys`.
///
/// `SecretAccessKey` is returned only by `CreateAccessKey`; it is redacted in
/// `Debug`, zeroized on drop and never appears in a validation report.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKey {
    /// The ID for this access key.
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    pub access_key_id: String,
    /// The secret key used to sign requests.
    #[validate(sensitive)]
    pub secret_access_key: SecretString,
    /// The status of the access key. Active means that the key is valid for
    /// API calls, while Inactive means it is not.
    pub status: StatusType,
    /// The name of the IAM user that the access key is associated with.
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    pub user_name: String,
    /// The date when the access key was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<Timestamp>,
}

/// Metadata of an access key, as `ListAccessKeys` returns it (no secret).
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyMetadata {
    /// The name of the IAM user that the key is associated with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 64), pattern = r"[\w+=,.@-]+")]
    pub user_name: Option<String>,
    /// The ID for this access key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    pub access_key_id: Option<String>,
    /// The status of the access key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusType>,
    /// The date when the access key was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_date: Option<Timestamp>,
}

/// When an access key was last used, and where.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct AccessKeyLastUsed {
    /// The date and time when the key was last used; absent if never used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_used_date: Option<Timestamp>,
    /// The name of the AWS service with which the key was last used, or `N/A`.
    pub service_name: String,
    /// The AWS Region where the key was last used, or `N/A`.
    pub region: String,
}

/// The request of `CreateAccessKey`.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase")]
pub struct CreateAccessKeyRequest {
    /// The user to create the key for; the caller's user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 128), pattern = r"[\w+=,.@-]+")]
    pub user_name: Option<String>,
}

/// The response of `CreateAccessKey`: the only place a secret key is returned.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct CreateAccessKeyResponse {
    /// The new access key, secret included.
    #[validate(nested)]
    pub access_key: AccessKey,
}

/// The request of `ListAccessKeys`.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessKeysRequest {
    /// The user whose keys to list; the caller's user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 128), pattern = r"[\w+=,.@-]+")]
    pub user_name: Option<String>,
    /// The pagination marker from a previous truncated response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 320), pattern = r"[\u0020-\u00FF]+")]
    pub marker: Option<String>,
    /// The maximum number of items to return.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1000))]
    pub max_items: Option<i32>,
}

/// The response of `ListAccessKeys`.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct ListAccessKeysResponse {
    /// The keys of the user, without secrets.
    #[validate(nested)]
    pub access_key_metadata: Vec<AccessKeyMetadata>,
    /// Whether more keys remain; continue with `Marker`.
    #[serde(default)]
    pub is_truncated: bool,
    /// The marker for the next request, when `IsTruncated`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
}

/// The request of `UpdateAccessKey`.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateAccessKeyRequest {
    /// The user the key belongs to; the caller's user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 128), pattern = r"[\w+=,.@-]+")]
    pub user_name: Option<String>,
    /// The key to update.
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    pub access_key_id: String,
    /// The new status.
    pub status: StatusType,
}

/// The request of `DeleteAccessKey`.
#[derive(Validate, Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteAccessKeyRequest {
    /// The user the key belongs to; the caller's user when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 128), pattern = r"[\w+=,.@-]+")]
    pub user_name: Option<String>,
    /// The key to delete.
    #[validate(length(min = 16, max = 128), pattern = r"[\w]+")]
    pub access_key_id: String,
}
