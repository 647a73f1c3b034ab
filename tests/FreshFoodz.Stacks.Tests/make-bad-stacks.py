#!/usr/bin/env python3
"""Writes BadStacks/: each file is Pulumi.de-prod.yaml with one mistake, headed by the exact errors validation
must report ('# expect: line: key: message'). The messages below are written by hand from the rules, not copied
from the program; line numbers are found here. Run from the repository root after changing de-prod's layout:
    python3 tests/FreshFoodz.Stacks.Tests/make-bad-stacks.py
"""
import re, os
base = open('Pulumi.de-prod.yaml').read()
out = 'tests/FreshFoodz.Stacks.Tests/BadStacks'
KNOWN = ("freshfoodz:territory, freshfoodz:season, freshfoodz:leadTimeDays, freshfoodz:burstHeadroom, freshfoodz:workload, "
         "freshfoodz:nodePools, freshfoodz:vmSizes, freshfoodz:postgresSkus, freshfoodz:utilization, "
         "freshfoodz:environment, freshfoodz:subscriptionId, freshfoodz:shortName, freshfoodz:costCentre, "
         "freshfoodz:kubernetesVersion, freshfoodz:databases, freshfoodz:crossRegionReplicas, freshfoodz:modules, freshfoodz:aiBudget, "
         "freshfoodz:alerting, freshfoodz:network, freshfoodz:chaosExperiments, freshfoodz:createdOn, freshfoodz:auditImmutability, freshfoodz:lowTrafficWindow, freshfoodz:switchOutsideWindowOn, freshfoodz:deployer, freshfoodz:databaseAdmin, freshfoodz:dailyLoad, freshfoodz:restoreDrill")
DRILL = "none or a mapping {date: yyyy-MM-dd, tiers: [critical, high, standard], pointInTime: yyyy-MM-ddTHH:mm:ssZ (optional)}"
DAILY = "default or a list of 24 hourly factors (hour 0–23 in the territory's local time), each from 0.01 to 1, the busiest exactly 1"
def curve(factors):
    return "  freshfoodz:dailyLoad: [" + ", ".join(factors) + "]"
NAMESPACES = "azure-native, kubernetes, random, pulumi (provider configuration)"
API_ALLOWED = "baselineRequestsPerSecond, meanServiceTimeSeconds, p95ServiceTimeSeconds, serviceTimeDistribution, concurrencyPerPod, sloP95Seconds, cpuRequestMillicores, memoryRequestMiB, dbQueriesPerRequest, dbPoolSizePerPod"
def sub(old, new, text=None, count=1):
    t = base if text is None else text
    assert old in t, old
    return t.replace(old, new, count)
def add(extra):
    return base.rstrip('\n') + '\n' + extra + '\n'
# case: (name, description, text, [(marker or None, key, message)])
cases = [
 ("territory-unknown", "a territory that does not exist", sub("freshfoodz:territory: de", "freshfoodz:territory: fr"),
  [("freshfoodz:territory:", "freshfoodz:territory", "unknown territory 'fr'; allowed: de|ch")]),
 ("territory-missing", "no territory key", sub("  freshfoodz:territory: de\n", ""),
  [(None, "freshfoodz:territory", "missing required key: Sales territory whose data residency the stack enforces: de or ch.")]),
 ("territory-secret", "a secret where a plain value belongs", sub("freshfoodz:territory: de", "freshfoodz:territory:\n    secure: v1:c2VjcmV0"),
  [("freshfoodz:territory:", "freshfoodz:territory", "must be a plain value, not a secret")]),
 ("season-unknown", "a season that does not exist", sub("freshfoodz:season: auto", "freshfoodz:season: summer"),
  [("freshfoodz:season:", "freshfoodz:season", "unknown season 'summer'; allowed: auto|baseline|spargel|oktoberfest|weihnachten")]),
 ("season-misspelt", "a misspelt season gets a suggestion", sub("freshfoodz:season: auto", "freshfoodz:season: weihnachen"),
  [("freshfoodz:season:", "freshfoodz:season", "unknown season 'weihnachen' (did you mean 'weihnachten'?); allowed: auto|baseline|spargel|oktoberfest|weihnachten")]),
 ("region-outside-eu", "a region outside both territories", sub("azure-native:location: germanywestcentral", "azure-native:location: westeurope"),
  [("azure-native:location:", "azure-native:location", "region 'westeurope' is outside territory de (Germany); allowed: germanywestcentral, germanynorth")]),
 ("region-swiss-for-germany", "a Swiss region in the German stack", sub("azure-native:location: germanywestcentral", "azure-native:location: switzerlandnorth"),
  [("azure-native:location:", "azure-native:location", "region 'switzerlandnorth' is outside territory de (Germany); allowed: germanywestcentral, germanynorth")]),
 ("region-without-zones", "the DR region as primary", sub("azure-native:location: germanywestcentral", "azure-native:location: germanynorth"),
  [("azure-native:location:", "azure-native:location", "germanynorth has no availability zones and is de's DR region; the primary region must be germanywestcentral")]),
 ("rate-negative", "a negative request rate", sub("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: -5"),
  [("baselineRequestsPerSecond:", "freshfoodz:workload.api.baselineRequestsPerSecond", "must be a number from 0.001 to 100000 (requests per second), got -5")]),
 ("rate-not-a-number", "words where a number belongs", sub("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: fifty"),
  [("baselineRequestsPerSecond:", "freshfoodz:workload.api.baselineRequestsPerSecond", "must be a number from 0.001 to 100000 (requests per second), got 'fifty'")]),
 ("service-time-zero", "a zero service time", sub("meanServiceTimeSeconds: 0.2", "meanServiceTimeSeconds: 0"),
  [("meanServiceTimeSeconds:", "freshfoodz:workload.api.meanServiceTimeSeconds", "must be a number from 0.0001 to 60 (seconds), got 0")]),
 ("p95-below-mean", "a p95 service time below the mean", sub("p95ServiceTimeSeconds: 0.6", "p95ServiceTimeSeconds: 0.1"),
  [("p95ServiceTimeSeconds:", "freshfoodz:workload.api.p95ServiceTimeSeconds", "must be greater than meanServiceTimeSeconds (0.2), got 0.1")]),
 ("slo-unreachable", "an SLO below the service time's own p95", sub("eventCatering: 1.5", "eventCatering: 0.5"),
  [("eventCatering:", "freshfoodz:workload.api.sloP95Seconds.eventCatering", "0.5 s cannot be met: it must exceed the p95 of the service time alone, mean 0.2 s × ln 20 = 0.599 s")]),
 ("concurrency-fraction", "a fractional pod concurrency", sub("concurrencyPerPod: 8", "concurrencyPerPod: 2.5"),
  [("concurrencyPerPod:", "freshfoodz:workload.api.concurrencyPerPod", "must be a whole number from 1 to 1000, got '2.5'")]),
 ("concurrency-missing", "a missing nested key is reported at its parent", sub("      concurrencyPerPod: 8\n", ""),
  [("    api:", "freshfoodz:workload.api.concurrencyPerPod", "missing; expected a whole number from 1 to 1000")]),
 ("nested-key-misspelt", "a misspelt nested key: unknown, and the real one missing", sub("meanServiceTimeSeconds: 0.2", "meanServiceTime: 0.2"),
  [("meanServiceTime:", "freshfoodz:workload.api.meanServiceTime", f"unknown key (did you mean 'meanServiceTimeSeconds'?); allowed: {API_ALLOWED}"),
   ("    api:", "freshfoodz:workload.api.meanServiceTimeSeconds", "missing; expected a number from 0.0001 to 60 (seconds)")]),
 ("workload-scalar", "a scalar where a mapping belongs",
  re.sub(r"  freshfoodz:workload:\n(    .*\n|      .*\n)+", "  freshfoodz:workload: heavy\n", base),
  [("freshfoodz:workload:", "freshfoodz:workload", "must be a mapping with keys api, workers, database")]),
 ("utilization-above-one", "a target utilization above 1", add("  freshfoodz:utilization:\n    weihnachten:\n      app: 1.2"),
  [("      app:", "freshfoodz:utilization.weihnachten.app", "must be a number from 0.05 to 0.95 (target utilization), got 1.2")]),
 ("utilization-zero", "a target utilization of 0", add("  freshfoodz:utilization:\n    spargel:\n      database: 0"),
  [("      database:", "freshfoodz:utilization.spargel.database", "must be a number from 0.05 to 0.95 (target utilization), got 0")]),
 ("utilization-unknown-season", "an override for a season that does not exist", add("  freshfoodz:utilization:\n    fasching:\n      app: 0.5"),
  [("    fasching:", "freshfoodz:utilization.fasching", "unknown key; allowed: baseline, spargel, oktoberfest, weihnachten")]),
 ("lead-time-too-long", "a lead time beyond 60 days", add("  freshfoodz:leadTimeDays: 90"),
  [("freshfoodz:leadTimeDays:", "freshfoodz:leadTimeDays", "must be a whole number from 0 to 60, got '90'")]),
 ("burst-below-one", "a burst headroom below 1", add("  freshfoodz:burstHeadroom: 0.8"),
  [("freshfoodz:burstHeadroom:", "freshfoodz:burstHeadroom", "must be a number from 1 to 10 (factor), got 0.8")]),
 ("unknown-top-level-key", "a misspelt top-level key", add("  freshfoodz:seasn: weihnachten"),
  [("freshfoodz:seasn:", "freshfoodz:seasn", f"unknown key (did you mean 'freshfoodz:season'?); known keys: {KNOWN}")]),
 ("prices-retired", "the old hand-typed price table, now in prices/<stack>.prices.yaml", add("  freshfoodz:prices:\n    currency: EUR"),
  [("freshfoodz:prices:", "freshfoodz:prices", "no longer read: prices now live in prices/<stack>.prices.yaml, written by: freshfoodz prices refresh --stack <stack>; remove this key")]),
 ("vm-size-unknown", "a node pool VM size missing from the table", sub("appVmSize: Standard_D4ds_v5", "appVmSize: Standard_D4s_v5"),
  [("appVmSize:", "freshfoodz:nodePools.appVmSize", "'Standard_D4s_v5' is not in freshfoodz:vmSizes (did you mean 'Standard_D4ds_v5'?); known: Standard_D2ds_v5, Standard_D4ds_v5, Standard_D8ds_v5")]),
 ("tier-misspelt", "a misspelt PostgreSQL tier", sub("Standard_D2ds_v5: {tier: GeneralPurpose", "Standard_D2ds_v5: {tier: GeneralPurpse"),
  [("GeneralPurpse", "freshfoodz:postgresSkus.Standard_D2ds_v5.tier", "unknown tier 'GeneralPurpse' (did you mean 'GeneralPurpose'?); allowed: Burstable|GeneralPurpose|MemoryOptimized")]),
 ("only-burstable", "no SKU that supports HA and replicas",
  re.sub(r"  freshfoodz:postgresSkus:\n(    .*\n)+", "  freshfoodz:postgresSkus:\n    Standard_B2s: {tier: Burstable, vCores: 2, memoryGiB: 4}\n", base),
  [("freshfoodz:postgresSkus:", "freshfoodz:postgresSkus", "needs at least one GeneralPurpose or MemoryOptimized SKU (Burstable has no HA or read replicas)"),
   ("    high:", "freshfoodz:databases.high.sku", "'Standard_D2ds_v5' is not in freshfoodz:postgresSkus (did you mean 'Standard_B2s'?)")]),
 ("root-is-a-list", "a YAML list instead of a stack file", "- config\n- territory\n",
  [("- config", "(file)", "a stack file must be a mapping with a 'config:' section")]),
 ("no-config-section", "settings outside config:", "settings:\n  freshfoodz:territory: de\n",
  [("settings:", "config", "missing 'config:' mapping (Pulumi stack files keep their settings under config:)")]),
 ("shares-not-one", "api shares that do not cover all sized pods", sub("crm-api: {role: api, share: 0.1", "crm-api: {role: api, share: 0.2"),
  [("freshfoodz:modules:", "freshfoodz:modules", "the shares of all api deployments must add up to 1, got 1.1")]),
 ("high-tier-burstable", "a Burstable SKU for the high tier, which needs a replica", sub("high: {sku: Standard_D2ds_v5", "high: {sku: Standard_B2s"),
  [("    high:", "freshfoodz:databases.high.sku", "'Standard_B2s' is Burstable, which has no read replicas; the high tier needs GeneralPurpose or MemoryOptimized")]),
 ("storage-size-not-offered", "a storage size PostgreSQL does not offer", sub("critical: {storageSizeGB: 512}", "critical: {storageSizeGB: 500}"),
  [("    critical:", "freshfoodz:databases.critical.storageSizeGB", "must be one of 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767 (GiB), got 500")]),
 ("short-name-uppercase", "a short name Azure storage accounts cannot use", sub("freshfoodz:shortName: deprod", "freshfoodz:shortName: DE-Prod"),
  [("freshfoodz:shortName:", "freshfoodz:shortName", "must be 2-10 lowercase letters or digits, got 'DE-Prod'")]),
 ("subscription-not-a-guid", "a subscription that is not a GUID", sub("freshfoodz:subscriptionId: 11111111-1111-4111-8111-111111111111", "freshfoodz:subscriptionId: freshfoodz-de"),
  [("freshfoodz:subscriptionId:", "freshfoodz:subscriptionId", "must be a subscription ID, a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301, not the nil GUID 00000000-0000-0000-0000-000000000000, got 'freshfoodz-de'")]),
 ("module-name-invalid", "a module name Kubernetes cannot use as a namespace", sub("    crm:\n", "    CRM_Team:\n"),
  [("    CRM_Team:", "freshfoodz:modules.CRM_Team", "'CRM_Team' is not a valid module (namespace) name: use lowercase letters, digits and '-', at most 63 characters")]),
 ("budget-email-invalid", "a budget contact that is not an e-mail address", sub("contactEmails: [platform-de@freshfoodz.example, finance-de@freshfoodz.example]", "contactEmails: [platform-de@freshfoodz.example, finance]"),
  [("contactEmails:", "freshfoodz:aiBudget.contactEmails[1]", "must be an e-mail address, got 'finance'")]),
 ("environment-unknown", "an environment that does not exist", sub("freshfoodz:environment: production", "freshfoodz:environment: staging"),
  [("freshfoodz:environment:", "freshfoodz:environment", "unknown environment 'staging'; allowed: production|rehearsal")]),
 ("malformed-yaml", "malformed YAML (an unclosed flow mapping)", sub("Standard_D4ds_v5: {vCpus: 4, memoryGiB: 16}", "Standard_D4ds_v5: {vCpus: 4, memoryGiB: 16"),
  [("memoryGiB: 16", "(file)", "malformed YAML: cannot read past this line (check for an unclosed '{' or '[', a stray quote or bad indentation)")]),
 ("duplicate-key", "the same key twice (which one would Pulumi use?)", sub("  freshfoodz:season: auto\n", "  freshfoodz:season: auto\n  freshfoodz:season: weihnachten\n"),
  [("freshfoodz:season: weihnachten", "freshfoodz:season", "duplicate key (first at line @line(freshfoodz:season: auto)); a key may appear once in a mapping")]),
 # YamlDotNet reports the tab against the scalar it was reading, on the line before.
 ("tab-indentation", "a tab used for indentation", sub("  freshfoodz:territory: de\n", "  freshfoodz:territory: de\n\tfreshfoodz:season: auto\n"),
  [("freshfoodz:territory: de", "(file)", "malformed YAML: While scanning a plain scalar, found a tab character that violate indentation.")]),
 ("three-problems", "every problem is reported, not just the first",
  sub("utilization", "utilization", add("  freshfoodz:utilization:\n    weihnachten:\n      app: 1.5").replace("freshfoodz:territory: de", "freshfoodz:territory: fr").replace("baselineJobsPerSecond: 2", "baselineJobsPerSecond: -1")),
  [("freshfoodz:territory:", "freshfoodz:territory", "unknown territory 'fr'; allowed: de|ch"),
   ("baselineJobsPerSecond:", "freshfoodz:workload.workers.baselineJobsPerSecond", "must be a number from 0.001 to 100000 (jobs per second), got -1"),
   ("      app:", "freshfoodz:utilization.weihnachten.app", "must be a number from 0.05 to 0.95 (target utilization), got 1.5")]),
 ("service-time-distribution-misspelt", "a service time distribution the engine does not model",
  sub("      p95ServiceTimeSeconds: 0.6\n", "      p95ServiceTimeSeconds: 0.6\n      serviceTimeDistribution: log-normal\n"),
  [("serviceTimeDistribution:", "freshfoodz:workload.api.serviceTimeDistribution", "unknown service time distribution 'log-normal' (did you mean 'lognormal'?); allowed: exponential|lognormal")]),
 # Lognormal: the floor is the declared p95 (0.7 s), not mean × ln 20 (0.599 s), so 0.65 s passes the exponential rule but not this one.
 ("lognormal-slo-below-p95", "a lognormal service time's own p95 above an SLO",
  sub("eventCatering: 1.5", "eventCatering: 0.65", sub("      p95ServiceTimeSeconds: 0.6\n", "      p95ServiceTimeSeconds: 0.7\n      serviceTimeDistribution: lognormal\n")),
  [("eventCatering:", "freshfoodz:workload.api.sloP95Seconds.eventCatering", "0.65 s cannot be met: it must exceed the p95 of the service time alone, p95ServiceTimeSeconds = 0.7 s (lognormal)")]),
 # p95 / mean = 4 is above the largest a lognormal reaches, e^(1.6449²/2) = 3.868 (at σ = 1.6449).
 ("lognormal-no-fit", "a p95 no lognormal with that mean has",
  sub("      p95ServiceTimeSeconds: 0.6\n", "      p95ServiceTimeSeconds: 0.8\n      serviceTimeDistribution: lognormal\n"),
  [("serviceTimeDistribution:", "freshfoodz:workload.api.serviceTimeDistribution", "no lognormal has mean 0.2 s and p95 0.8 s: p95 / mean must be below e^(1.645²/2) = 3.868, got 4")]),
 ("network-overlap", "the DR network inside the primary one", sub("drAddressSpace: 10.17.0.0/16", "drAddressSpace: 10.16.0.0/16"),
  [("drAddressSpace:", "freshfoodz:network.drAddressSpace", "overlaps primaryAddressSpace 10.16.0.0/16; the two regions' networks are peered and must not overlap")]),
 ("network-not-slash-16", "a /20 where the layout needs a /16", sub("primaryAddressSpace: 10.16.0.0/16", "primaryAddressSpace: 10.16.0.0/20"),
  [("primaryAddressSpace:", "freshfoodz:network.primaryAddressSpace", "must be an IPv4 /16 like 10.16.0.0/16, got 10.16.0.0/20")]),
 ("network-public-range", "public address space", sub("primaryAddressSpace: 10.16.0.0/16", "primaryAddressSpace: 20.16.0.0/16"),
  [("primaryAddressSpace:", "freshfoodz:network.primaryAddressSpace", "must be private (10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), got 20.16.0.0/16")]),
 ("network-pod-range", "the cluster's pod range as a network", sub("drAddressSpace: 10.17.0.0/16", "drAddressSpace: 10.244.0.0/16"),
  [("drAddressSpace:", "freshfoodz:network.drAddressSpace", "overlaps the cluster's pod range 10.244.0.0/16 or service range 10.0.0.0/16, got 10.244.0.0/16")]),
 ("network-host-bits", "an address, not a network", sub("primaryAddressSpace: 10.16.0.0/16", "primaryAddressSpace: 10.16.3.0/16"),
  [("primaryAddressSpace:", "freshfoodz:network.primaryAddressSpace", "must be a network in CIDR form with no host bits, like 10.16.0.0/16, got '10.16.3.0/16'")]),
 ("alerting-key-in-plain-text", "a paging key in plain text, which would be committed", sub("  freshfoodz:alerting:\n", "  freshfoodz:alerting:\n    pageRoutingKey: not-a-secret\n"),
  [("pageRoutingKey:", "freshfoodz:alerting.pageRoutingKey", "must be a secret, not plain text: pulumi config set --secret --path 'freshfoodz:alerting.pageRoutingKey' <value>")]),
 ("alerting-team-missing", "no receiver for the security team",
  sub("      security:\n        url: https://security.freshfoodz.example/api/alerts/de\n", ""),
  [(None, "freshfoodz:alerting.teams.security.url", "missing; expected an https URL")]),
 ("alerting-url-not-https", "a ticket webhook over plain HTTP", sub("url: https://tickets.freshfoodz.example", "url: http://tickets.freshfoodz.example"),
  [("url: http://tickets", "freshfoodz:alerting.tickets.url", "must be an https URL without credentials, got 'http://tickets.freshfoodz.example/api/alerts/de-prod'")]),
 ("alerting-channel-invalid", "an on-call channel without its '#'", sub('channel: "#de-oncall"', "channel: de-oncall"),
  [("channel:", "freshfoodz:alerting.onCall.channel", "must be a Slack channel like #de-oncall ('#' and up to 80 lowercase letters, digits, '-', '_' or '.'), got 'de-oncall'")]),
 # Chaos experiments kill pods and cut links: a production stack may not plan them.
 ("chaos-on-production", "chaos experiments enabled on a production stack", add("  freshfoodz:chaosExperiments: true"),
  [("freshfoodz:chaosExperiments:", "freshfoodz:chaosExperiments", "chaos experiments run only on a rehearsal stack (freshfoodz:environment: rehearsal, synthetic data only); this stack is production")]),
 ("chaos-not-a-boolean", "a word where true or false belongs", add("  freshfoodz:chaosExperiments: yes-please"),
  [("freshfoodz:chaosExperiments:", "freshfoodz:chaosExperiments", "must be true or false, got 'yes-please'")]),
 # Hostile but honest input (issue 12): each is refused with the key named, never ignored, never a crash.
 ("namespace-misspelt", "a misspelt namespace, which Pulumi would ignore and the default win", sub("freshfoodz:season: auto", "freshfood:season: weihnachten"),
  [("freshfood:season:", "freshfood:season", f"unknown namespace 'freshfood': this project's settings are freshfoodz:<key> (did you mean 'freshfoodz:season'?); other namespaces allowed: {NAMESPACES}")]),
 ("namespace-capitalised", "a namespace in the wrong case", sub("freshfoodz:season: auto", "FreshFoodz:season: weihnachten"),
  [("FreshFoodz:season:", "FreshFoodz:season", f"unknown namespace 'FreshFoodz': this project's settings are freshfoodz:<key> (did you mean 'freshfoodz:season'?); other namespaces allowed: {NAMESPACES}")]),
 ("namespace-project-name", "the project's name as namespace (Pulumi's default, but the program reads freshfoodz:)", sub("freshfoodz:season: auto", "freshfoodz-infra:season: weihnachten"),
  [("freshfoodz-infra:season:", "freshfoodz-infra:season", f"unknown namespace 'freshfoodz-infra': this project's settings are freshfoodz:<key> (did you mean 'freshfoodz:season'?); other namespaces allowed: {NAMESPACES}")]),
 ("namespace-missing", "a key without a namespace", sub("freshfoodz:season: auto", "season: weihnachten"),
  [("  season:", "season", "a config key needs a namespace: freshfoodz:<key> (did you mean 'freshfoodz:season'?)")]),
 ("duplicate-key-tagged", "a duplicate key hidden behind a !!str tag", sub("  freshfoodz:season: auto\n", "  freshfoodz:season: auto\n  !!str freshfoodz:season: weihnachten\n"),
  [("!!str freshfoodz:season", "freshfoodz:season", "duplicate key (first at line @line(freshfoodz:season: auto)); a key may appear once in a mapping")]),
 ("duplicate-key-nested-tagged", "a nested duplicate key hidden behind a !!str tag", sub("      meanServiceTimeSeconds: 0.2\n", "      meanServiceTimeSeconds: 0.2\n      !!str meanServiceTimeSeconds: 0.1\n"),
  [("!!str meanServiceTimeSeconds", "freshfoodz:workload.api.meanServiceTimeSeconds", "duplicate key (first at line @line(meanServiceTimeSeconds: 0.2)); a key may appear once in a mapping")]),
 ("second-document", "a second YAML document, which Pulumi would ignore", base.rstrip('\n') + "\n---\nconfig:\n  freshfoodz:season: weihnachten\n",
  [("---", "(file)", "a stack file holds one YAML document; a second one starts here")]),
 ("anchor-and-alias", "an anchor and alias (their expansion is exponential: billion laughs)", sub("freshfoodz:costCentre: CC-DE-4100", "freshfoodz:costCentre: &cc CC-DE-4100\n  freshfoodz:other: *cc"),
  [("&cc", "freshfoodz:costCentre", "YAML anchors (&name) are not allowed in a stack file; write the value out")]),
 ("tag-unknown", "an application-specific YAML tag", sub("freshfoodz:season: auto", "freshfoodz:season: !season auto"),
  [("freshfoodz:season:", "freshfoodz:season", "the YAML tag '!season' is not allowed; a stack file holds plain text, numbers, mappings and lists")]),
 ("nesting-too-deep", "lists nested 40 deep", add("  freshfoodz:deep: " + "[" * 40 + "]" * 40),
  [("freshfoodz:deep:", "freshfoodz:deep" + "[0]" * 30, "nested more than 32 levels deep; a stack file needs at most 6")]),
 ("key-not-text", "a list as a key", add("  ? [a, b]\n  : c"),
  [("? [a, b]", "(file)", "keys must be plain text, not a mapping or list")]),
 ("short-name-trailing-newline", "a pattern must not accept a trailing newline", sub("freshfoodz:shortName: deprod", 'freshfoodz:shortName: "deprod\\n"'),
  [("freshfoodz:shortName:", "freshfoodz:shortName", "must be printable text, got 'deprod\\n' (U+000A is a control or formatting character)")]),
 ("kubernetes-version-arabic-digits", "digits other than 0-9 (\\d would accept them)", sub('freshfoodz:kubernetesVersion: "1.36"', 'freshfoodz:kubernetesVersion: "1.\u0663\u0666"'),
  [("freshfoodz:kubernetesVersion:", "freshfoodz:kubernetesVersion", "must be a version like 1.33 or 1.33.2, got '1.\u0663\u0666'")]),
 ("rate-huge", "a request rate that would overflow sizing", sub("baselineRequestsPerSecond: 50", "baselineRequestsPerSecond: 1e12"),
  [("baselineRequestsPerSecond:", "freshfoodz:workload.api.baselineRequestsPerSecond", "must be a number from 0.001 to 100000 (requests per second), got 1e12")]),
 ("utilization-tiny", "a target utilization that would size a tier 10^300 times its load", add("  freshfoodz:utilization:\n    weihnachten:\n      app: 1e-300"),
  [("      app:", "freshfoodz:utilization.weihnachten.app", "must be a number from 0.05 to 0.95 (target utilization), got 1e-300")]),
 ("budget-huge", "an AI budget beyond decimal arithmetic", sub("monthlyAmount: 600", "monthlyAmount: 1e30"),
  [("monthlyAmount:", "freshfoodz:aiBudget.monthlyAmount", "must be a number from 0.01 to 1000000 (territory currency per month), got 1e30")]),
 ("value-very-long", "a 5000-character value is repeated cut to 80 characters", sub("freshfoodz:shortName: deprod", "freshfoodz:shortName: " + "a" * 5000),
  [("freshfoodz:shortName:", "freshfoodz:shortName", "must be 2-10 lowercase letters or digits, got '" + "a" * 80 + "… (5000 characters)'")]),
 ("alerting-url-with-password", "a password in a receiver URL is refused and not repeated", sub("url: https://tickets.freshfoodz.example", "url: https://alerts:hunter2@tickets.freshfoodz.example"),
  [("url: https://alerts", "freshfoodz:alerting.tickets.url", "must be an https URL without credentials: 'user:password@' is refused (the value is not repeated); put the secret in token")]),
 ("alerting-url-with-api-key", "an API key in a receiver URL's query is refused and not repeated", sub("url: https://tickets.freshfoodz.example/api/alerts/de-prod", "url: https://tickets.freshfoodz.example/api/alerts/de-prod?api_key=hunter2"),
  [("api_key", "freshfoodz:alerting.tickets.url", "must be an https URL without credentials: the query parameter 'api_key' looks like one (the value is not repeated); put the secret in token")]),
 ("many-unknown-keys", "30 unknown keys: the first 20 problems and a count of the rest", add("\n".join(f"  freshfoodz:zzzzzzzzzzzz{i:02d}: 1" for i in range(30))),
  [(f"freshfoodz:zzzzzzzzzzzz{i:02d}:", f"freshfoodz:zzzzzzzzzzzz{i:02d}", f"unknown key; known keys: {KNOWN}") for i in range(20)]
  + [(None, "(file)", "10 more problems not listed; fix these first")]),
 ("created-on-not-a-date", "a creation date in another format", sub('freshfoodz:createdOn: "2026-12-02"', 'freshfoodz:createdOn: "02.12.2026"'),
  [("freshfoodz:createdOn:", "freshfoodz:createdOn", "must be a date yyyy-MM-dd from 2000-01-01 to 2100-12-31 (the stack's first pulumi up), got '02.12.2026'")]),
 ("audit-immutability-unknown", "a lock state Azure does not have", sub("freshfoodz:auditImmutability: unlocked", "freshfoodz:auditImmutability: frozen"),
  [("freshfoodz:auditImmutability:", "freshfoodz:auditImmutability", "must be unlocked or locked (one way: locked never goes back), got 'frozen'")]),
 ("low-traffic-window-backwards", "a window that ends before it starts", add('  freshfoodz:lowTrafficWindow: "05:00-01:00"'),
  [("freshfoodz:lowTrafficWindow:", "freshfoodz:lowTrafficWindow", "must be HH:mm-HH:mm in UTC with the start before the end, like 01:00-04:00, got '05:00-01:00'")]),
 ("deployer-missing", "no deploying identity: the Kubernetes data plane would refuse it", re.sub(r"  # Placeholder: the object ID.*\n.*\n  freshfoodz:deployer: .*\n", "", base),
  [(None, "freshfoodz:deployer", "missing required key: The identity that runs pulumi up: principalId (its Entra object ID: az ad signed-in-user show --query id, or az ad sp show --id <appId> --query id) and principalType (User, Group or ServicePrincipal); it is granted Azure Kubernetes Service RBAC Cluster Admin on the cluster.")]),
 ("budget-currency-unknown", "a budget currency that no territory is billed in", sub("    currency: EUR", "    currency: USD"),
  [("currency: USD", "freshfoodz:aiBudget.currency", "must be one of EUR|CHF, got 'USD'")]),
 ("database-admin-type-unknown", "a database administrator of a kind Entra does not have", sub("sg-freshfoodz-de-dba, principalType: Group", "sg-freshfoodz-de-dba, principalType: Team"),
  [("freshfoodz:databaseAdmin:", "freshfoodz:databaseAdmin.principalType", "must be one of User|Group|ServicePrincipal, got 'Team'")]),
 ("daily-load-23-factors", "a daily load curve with an hour missing", add(curve(["0.5"] * 9 + ["1"] + ["0.5"] * 13)),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad", f"must be {DAILY}; got 23 factors")]),
 ("daily-load-factor-zero", "an hour with no load at all", add(curve(["0.05"] * 3 + ["0"] + ["0.5"] * 5 + ["1"] + ["0.5"] * 14)),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad[3]", "must be a number from 0.01 to 1 (fraction of the busiest hour's rate), got 0")]),
 ("daily-load-factor-above-one", "an hour busier than the busiest", add(curve(["0.5"] * 9 + ["1", "1.5"] + ["0.5"] * 13)),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad[10]", "must be a number from 0.01 to 1 (fraction of the busiest hour's rate), got 1.5")]),
 ("daily-load-no-busiest-hour", "factors not relative to the busiest hour", add(curve(["0.5"] * 9 + ["0.9"] + ["0.5"] * 14)),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad", "the busiest hour's factor must be exactly 1 (factors are relative to the busiest hour); the largest is 0.9")]),
 ("daily-load-word", "a word where the curve belongs", add("  freshfoodz:dailyLoad: business-hours"),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad", f"must be {DAILY}, got 'business-hours'")]),
 ("daily-load-mapping", "hours as a mapping instead of a list", add("  freshfoodz:dailyLoad:\n    9: 1\n    10: 1"),
  [("freshfoodz:dailyLoad:", "freshfoodz:dailyLoad", f"must be {DAILY}, not a mapping")]),

 # Issue 23: values the docs call invalid.
 ("subscription-nil-guid", "the nil GUID, a placeholder no subscription has", sub("freshfoodz:subscriptionId: 11111111-1111-4111-8111-111111111111", "freshfoodz:subscriptionId: 00000000-0000-0000-0000-000000000000"),
  [("freshfoodz:subscriptionId:", "freshfoodz:subscriptionId", "must be a subscription ID, a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301, not the nil GUID 00000000-0000-0000-0000-000000000000, got '00000000-0000-0000-0000-000000000000'")]),
 ("created-on-year-9999", "a creation date beyond the tool's dates", sub('freshfoodz:createdOn: "2026-12-02"', 'freshfoodz:createdOn: "9999-12-31"'),
  [("freshfoodz:createdOn:", "freshfoodz:createdOn", "must be a date yyyy-MM-dd from 2000-01-01 to 2100-12-31 (the stack's first pulumi up), got '9999-12-31'")]),
 ("deployer-id-trailing-newline", "a principal ID with a trailing newline", sub("principalId: 22222222-2222-4222-8222-222222222222,", 'principalId: "22222222-2222-4222-8222-222222222222\\n",'),
  [("freshfoodz:deployer:", "freshfoodz:deployer.principalId", "must be printable text, got '22222222-2222-4222-8222-222222222222\\n' (U+000A is a control or formatting character)")]),
 ("deployer-id-nil", "the nil GUID as the deployer", sub("principalId: 22222222-2222-4222-8222-222222222222,", "principalId: 00000000-0000-0000-0000-000000000000,"),
  [("freshfoodz:deployer:", "freshfoodz:deployer.principalId", "must be an Entra object ID, a GUID like 3f2504e0-4f89-41d3-9a0c-0305e82c3301, not the nil GUID 00000000-0000-0000-0000-000000000000, got '00000000-0000-0000-0000-000000000000'")]),
 ("database-admin-name-blank", "a blank display name", sub("principalName: sg-freshfoodz-de-dba,", 'principalName: "   ",'),
  [("freshfoodz:databaseAdmin:", "freshfoodz:databaseAdmin.principalName", "must be a display name of 1 to 128 printable characters, not blank, without leading or trailing spaces, got '   '")]),
 ("database-admin-name-bidi-override", "a display name with a right-to-left override (it would read as another name)", sub("principalName: sg-freshfoodz-de-dba,", 'principalName: "sg-\\u202Eabd-ed",'),
  [("freshfoodz:databaseAdmin:", "freshfoodz:databaseAdmin.principalName", "must be printable text, got 'sg-\\u202Eabd-ed' (U+202E is a control or formatting character)")]),
 ("low-traffic-window-one-minute", "a window no season switch fits in", add('  freshfoodz:lowTrafficWindow: "01:00-01:01"'),
  [("freshfoodz:lowTrafficWindow:", "freshfoodz:lowTrafficWindow", "a window of 1 minutes is shorter than a season switch takes: at least 150 minutes (two hourly runs and a step's apply; docs/configuration.md), like 01:00-04:00, got '01:00-01:01'")]),
 ("top-level-key-misspelt", "a misspelt key beside config: (Pulumi's stack file has config, environment and the secrets provider's keys)", "encryptionSalt: v1:abc\n" + base,
  [("encryptionSalt:", "encryptionSalt", "unknown key (did you mean 'encryptionsalt'?); allowed: config, secretsprovider, encryptedkey, encryptionsalt, environment")]),
 ("vm-size-name-with-space", "a VM size name Azure does not have", sub("    Standard_D8ds_v5: {vCpus: 8", '    "Standard D8ds v5": {vCpus: 8'),
  [("Standard D8ds v5", "freshfoodz:vmSizes.Standard D8ds v5", "'Standard D8ds v5' is not a VM size name: letters, digits, '_' and '-' (at most 64), like Standard_D4ds_v5")]),
 ("switch-outside-window-on-not-a-date", "the switch override is a day, not a word (it must never be left on by mistake)", add('  freshfoodz:switchOutsideWindowOn: "tomorrow"'),
  [("freshfoodz:switchOutsideWindowOn:", "freshfoodz:switchOutsideWindowOn", "must be none or a UTC day yyyy-MM-dd from 2000-01-01 to 2100-12-31 on which a season switch may step outside freshfoodz:lowTrafficWindow, got 'tomorrow'")]),
 ("restore-drill-word", "a word where the drill belongs", add("  freshfoodz:restoreDrill: yes"),
  [("freshfoodz:restoreDrill:", "freshfoodz:restoreDrill", f"must be {DRILL}, got 'yes'")]),
 ("restore-drill-tier-misspelt", "a misspelt tier gets a suggestion", add("  freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [critcal]}"),
  [("freshfoodz:restoreDrill:", "freshfoodz:restoreDrill.tiers[0]", "unknown tier 'critcal' (did you mean 'critical'?); allowed: critical|high|standard")]),
 ("restore-drill-date-missing", "a drill without its day", add("  freshfoodz:restoreDrill:\n    tiers: [high]"),
  [("freshfoodz:restoreDrill:", "freshfoodz:restoreDrill.date", "missing; expected the drill's day, yyyy-MM-dd")]),
 ("restore-drill-outside-retention", "a restore point older than the standard tier keeps backups", add("  freshfoodz:restoreDrill:\n    date: 2027-03-02\n    tiers: [critical, standard]\n    pointInTime: 2027-02-20T06:00:00Z"),
  [("pointInTime: 2027-02-20", "freshfoodz:restoreDrill.pointInTime", "restore point 2027-02-20T06:00:00Z is outside the standard tier's 7 days of backups before 2027-03-02; choose a point from 2027-02-23")]),
 ("restore-drill-point-after-day", "a restore point after the drill's day", add("  freshfoodz:restoreDrill:\n    date: 2027-03-02\n    tiers: [high]\n    pointInTime: 2027-03-03T01:00:00Z"),
  [("pointInTime: 2027-03-03", "freshfoodz:restoreDrill.pointInTime", "restore point 2027-03-03T01:00:00Z is after the drill's day 2027-03-02: a restore point lies in the past")]),
 ("restore-drill-before-backups", "a drill on the stack's first day, before any backup", add("  freshfoodz:restoreDrill: {date: 2026-12-02, tiers: [critical]}"),
  [("freshfoodz:restoreDrill:", "freshfoodz:restoreDrill.date", "restore point 2026-12-02T00:00:00Z is before the servers had backups: the stack was created on 2026-12-02 (freshfoodz:createdOn); choose a point from 2026-12-03")]),
 ("restore-drill-point-not-utc", "a restore point in local time", add("  freshfoodz:restoreDrill: {date: 2027-03-02, tiers: [high], pointInTime: '2027-03-02 08:00'}"),
  [("freshfoodz:restoreDrill:", "freshfoodz:restoreDrill.pointInTime", "must be a UTC time yyyy-MM-ddTHH:mm:ssZ, like 2026-10-02T03:00:00Z, got '2027-03-02 08:00'")]),
 ("switch-outside-window-on-year-9999", "the switch override's day lies within the tool's dates, like every date key", add('  freshfoodz:switchOutsideWindowOn: 9999-12-31'),
  [("freshfoodz:switchOutsideWindowOn:", "freshfoodz:switchOutsideWindowOn", "must be none or a UTC day yyyy-MM-dd from 2000-01-01 to 2100-12-31 on which a season switch may step outside freshfoodz:lowTrafficWindow, got '9999-12-31'")]),
]
for f in os.listdir(out):
    if f.endswith('.yaml'):
        os.remove(os.path.join(out, f))
for i, (name, desc, text, expects) in enumerate(cases, 1):
    header = [f"# Bad stack file: {desc}.", "# The expect lines are the exact errors, in order ('line: key: message'; '-' where no line applies)."]
    header += ["# expect: @@" for _ in expects]
    lines = header + text.rstrip('\n').split('\n')
    rendered = []
    for marker, key, msg in expects:
        if marker is None:
            ln = '-'
        else:
            idx = [j for j, l in enumerate(lines) if marker in l and not l.startswith('# ')]
            assert idx, (name, marker)
            ln = str(idx[0] + 1)
        msg = re.sub(r'@line\((.*?)\)', lambda m: str([j for j, l in enumerate(lines) if m.group(1) in l and not l.startswith('# ')][0] + 1), msg)
        rendered.append(f"# expect: {ln}: {key}: {msg}")
    k = 0
    for j, l in enumerate(lines):
        if l == "# expect: @@":
            lines[j] = rendered[k]; k += 1
    open(os.path.join(out, f"{i:02d}-{name}.yaml"), 'w').write('\n'.join(lines) + '\n')
print(len(cases))
