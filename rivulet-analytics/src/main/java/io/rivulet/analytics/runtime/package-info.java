/**
 * The contract between the Analytics control plane and the engines that run applications
 * (rivulet-analytics-flink implements it); nothing here depends on Flink.
 */
package io.rivulet.analytics.runtime;
