/**
 * SmartCloudOps' public types: metric model, detectors, alerts, actions, audit, notifiers, chat,
 * and the plugin SPI. Everything here is an immutable value or an interface.
 */
package io.smartcloudops.api;
