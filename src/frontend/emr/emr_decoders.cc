#include "frontend/emr/emr_decoders.h"

#include <fmt/format.h>

namespace jobflow::frontend::emr {
namespace json = boost::json;
namespace {

WireError validation(std::string message) { return {400, "ValidationException", std::move(message), {}}; }

// Copies the named members verbatim into `out` (fields echoed by DescribeCluster).
void echo(const json::object& from, json::object& out, std::initializer_list<std::string_view> names) {
  for (auto name : names)
    if (const auto* v = from.if_contains(name); v && !v->is_null()) out[name] = *v;
}

bool decode_instances(InputReader& in, const json::object& instances, engine::RunJobFlowRequest& req) {
  InputReader inst(instances, "instances");
  auto& spec = req.spec;
  const auto master_type = inst.string("MasterInstanceType");
  const auto slave_type = inst.string("SlaveInstanceType");
  const auto count = inst.integer("InstanceCount");
  const auto* groups = inst.array("InstanceGroups");
  const auto* fleets = inst.array("InstanceFleets");
  spec.keep_alive = inst.boolean("KeepJobFlowAliveWhenNoSteps").value_or(false);
  spec.termination_protected = inst.boolean("TerminationProtected").value_or(false);
  if (!inst.ok()) {
    in.set_error(*inst.error());
    return false;
  }
  const bool simple = master_type || slave_type || count;
  if (static_cast<int>(simple) + static_cast<int>(groups != nullptr) + static_cast<int>(fleets != nullptr) != 1) {
    in.set_error(validation(
        "Please configure instances using one and only one of the following: instance groups; instance fleets; "
        "instance count, master and slave instance type."));
    return false;
  }
  if (simple) {
    const auto n = count.value_or(1);
    if (n < 1) {
      in.set_error(validation("InstanceCount must be at least 1."));
      return false;
    }
    const std::string master = master_type.value_or(slave_type.value_or("m5.xlarge"));
    spec.instance_groups.push_back({{}, "Master Instance Group", "MASTER", "ON_DEMAND", master, 1, {}, {}, {}});
    if (n > 1)
      spec.instance_groups.push_back(
          {{}, "Core Instance Group", "CORE", "ON_DEMAND", slave_type.value_or(master), n - 1, {}, {}, {}});
  } else if (groups) {
    int masters = 0, cores = 0, tasks = 0;
    for (const auto& gv : *groups) {
      if (!gv.is_object()) {
        in.set_error({400, "SerializationException", "instances.instanceGroups must be a list of structures.", {}});
        return false;
      }
      InputReader g(gv.as_object(), "instances.instanceGroups.member");
      model::InstanceGroup ig;
      ig.role = g.string("InstanceRole", true).value_or("");
      ig.instance_type = g.string("InstanceType", true).value_or("");
      ig.requested_count = g.integer("InstanceCount", true).value_or(0);
      ig.name = g.string("Name").value_or("");
      ig.market = g.string("Market").value_or("ON_DEMAND");
      ig.bid_price = g.string("BidPrice").value_or("");
      if (const auto* c = g.array("Configurations")) ig.configurations = *c;
      if (const auto* e = g.object("EbsConfiguration")) ig.ebs_configuration = *e;
      if (!g.ok()) {
        in.set_error(*g.error());
        return false;
      }
      if (ig.role == "MASTER") {
        ++masters;
        if (ig.requested_count != 1 && ig.requested_count != 3) {
          in.set_error(validation("Master instance group must have exactly 3 instances for HA clusters."));
          return false;
        }
      } else if (ig.role == "CORE") {
        ++cores;
      } else if (ig.role == "TASK") {
        ++tasks;
      } else {
        g.invalid("InstanceRole", ig.role, "Member must satisfy enum value set: [MASTER, CORE, TASK]");
        in.set_error(*g.error());
        return false;
      }
      if (ig.name.empty()) ig.name = ig.role == "MASTER" ? "Master Instance Group" : ig.role == "CORE" ? "Core Instance Group" : "Task Instance Group";
      spec.instance_groups.push_back(std::move(ig));
    }
    if (masters != 1) {
      in.set_error(validation(masters == 0 ? "Zero master instance groups supplied, you must specify exactly one master instance group"
                                           : "Multiple master instance groups supplied, you must specify exactly one master instance group"));
      return false;
    }
    if (tasks > 0 && cores == 0) {
      in.set_error(validation("Clusters with task nodes must also define core nodes."));
      return false;
    }
  } else {
    spec.collection = model::InstanceCollectionType::kInstanceFleet;
    int masters = 0;
    for (const auto& fv : *fleets) {
      if (!fv.is_object()) {
        in.set_error({400, "SerializationException", "instances.instanceFleets must be a list of structures.", {}});
        return false;
      }
      InputReader f(fv.as_object(), "instances.instanceFleets.member");
      model::InstanceFleet fleet;
      fleet.type = f.string("InstanceFleetType", true).value_or("");
      fleet.name = f.string("Name").value_or("");
      fleet.target_on_demand = f.integer("TargetOnDemandCapacity").value_or(0);
      fleet.target_spot = f.integer("TargetSpotCapacity").value_or(0);
      if (const auto* c = f.array("InstanceTypeConfigs")) fleet.instance_type_configs = *c;
      if (const auto* l = f.object("LaunchSpecifications")) fleet.launch_specifications = *l;
      if (const auto* r = f.object("ResizeSpecifications")) fleet.resize_specifications = *r;
      if (!f.ok()) {
        in.set_error(*f.error());
        return false;
      }
      if (fleet.type != "MASTER" && fleet.type != "CORE" && fleet.type != "TASK") {
        f.invalid("InstanceFleetType", fleet.type, "Member must satisfy enum value set: [MASTER, CORE, TASK]");
        in.set_error(*f.error());
        return false;
      }
      if (fleet.type == "MASTER") ++masters;
      spec.instance_fleets.push_back(std::move(fleet));
    }
    if (masters != 1) {
      in.set_error(validation("Exactly one MASTER instance fleet must be specified."));
      return false;
    }
  }
  // Ec2InstanceAttributes, as DescribeCluster reports them.
  json::object ec2;
  echo(instances, ec2, {"Ec2KeyName", "Ec2SubnetId", "EmrManagedMasterSecurityGroup", "EmrManagedSlaveSecurityGroup",
                        "ServiceAccessSecurityGroup", "AdditionalMasterSecurityGroups", "AdditionalSlaveSecurityGroups"});
  if (const auto* ids = instances.if_contains("Ec2SubnetIds")) ec2["RequestedEc2SubnetIds"] = *ids;
  if (const auto* p = instances.if_contains("Placement"); p && p->is_object()) {
    if (const auto* az = p->as_object().if_contains("AvailabilityZone")) ec2["Ec2AvailabilityZone"] = *az;
    if (const auto* azs = p->as_object().if_contains("AvailabilityZones")) ec2["RequestedEc2AvailabilityZones"] = *azs;
  }
  spec.echo["Ec2InstanceAttributes"] = std::move(ec2);
  echo(instances, spec.echo, {"UnhealthyNodeReplacement"});
  return true;
}

}  // namespace

std::optional<std::vector<model::StepSpec>> decode_steps(InputReader& in, std::string_view member, bool required) {
  const auto* steps = in.array(member, required);
  if (!steps) return in.ok() ? std::optional<std::vector<model::StepSpec>>(std::vector<model::StepSpec>{}) : std::nullopt;
  std::vector<model::StepSpec> out;
  for (const auto& sv : *steps) {
    if (!sv.is_object()) {
      in.set_error({400, "SerializationException", in.member_path(member) + " must be a list of structures.", {}});
      return std::nullopt;
    }
    InputReader s(sv.as_object(), in.member_path(member) + ".member");
    model::StepSpec spec;
    spec.name = s.string("Name", true, 256).value_or("");
    if (auto aof = s.string("ActionOnFailure")) {
      auto parsed = decode_enum(s, "ActionOnFailure", *aof, model::kActionsOnFailure);
      if (parsed) spec.action_on_failure = *parsed;
    }
    if (const auto* hjs = s.object("HadoopJarStep", true)) {
      InputReader h(*hjs, s.member_path("HadoopJarStep"));
      spec.hadoop_jar_step.jar = h.string("Jar", true, 10280).value_or("");
      spec.hadoop_jar_step.main_class = h.string("MainClass").value_or("");
      spec.hadoop_jar_step.args = h.strings("Args").value_or(std::vector<std::string>{});
      if (const auto* props = h.array("Properties")) {
        for (const auto& pv : *props) {
          if (!pv.is_object()) {
            h.set_error({400, "SerializationException", "Properties must be a list of {Key, Value}.", {}});
            break;
          }
          InputReader p(pv.as_object(), h.member_path("Properties") + ".member");
          auto key = p.string("Key").value_or("");
          auto value = p.string("Value").value_or("");
          if (!p.ok()) h.set_error(*p.error());
          spec.hadoop_jar_step.properties.emplace_back(std::move(key), std::move(value));
        }
      }
      if (!h.ok()) s.set_error(*h.error());
    }
    if (const auto* mon = s.object("StepMonitoringConfiguration")) {
      if (const auto* s3 = mon->if_contains("S3MonitoringConfiguration"); s3 && s3->is_object()) {
        InputReader m(s3->as_object(), "stepMonitoringConfiguration.s3MonitoringConfiguration");
        spec.log_uri = m.string("LogUri").value_or("");
        spec.encryption_key_arn = m.string("EncryptionKeyArn").value_or("");
        if (!m.ok()) s.set_error(*m.error());
      }
    }
    if (!s.ok()) {
      in.set_error(*s.error());
      return std::nullopt;
    }
    out.push_back(std::move(spec));
  }
  return out;
}

std::optional<std::vector<model::Tag>> decode_tags(InputReader& in, std::string_view member, bool required) {
  const auto* tags = in.array(member, required);
  std::vector<model::Tag> out;
  if (!tags) return in.ok() ? std::optional(out) : std::nullopt;
  for (const auto& tv : *tags) {
    if (!tv.is_object()) {
      in.set_error({400, "SerializationException", "Tags must be a list of {Key, Value}.", {}});
      return std::nullopt;
    }
    InputReader t(tv.as_object(), in.member_path(member) + ".member");
    model::Tag tag{t.string("Key").value_or(""), t.string("Value").value_or("")};
    if (!t.ok()) {
      in.set_error(*t.error());
      return std::nullopt;
    }
    out.push_back(std::move(tag));
  }
  return out;
}

std::optional<engine::RunJobFlowRequest> decode_run_job_flow(InputReader& in) {
  engine::RunJobFlowRequest req;
  auto& spec = req.spec;
  spec.name = in.string("Name", true, 256).value_or("");
  const auto* instances = in.object("Instances", true);
  spec.log_uri = in.string("LogUri", false, 10280).value_or("");
  spec.release_label = in.string("ReleaseLabel", false, 256).value_or("");
  spec.ami_version = in.string("AmiVersion", false, 256).value_or("");
  auto service_role = in.string("ServiceRole", false, 10280);
  spec.visible_to_all_users = in.boolean("VisibleToAllUsers").value_or(true);
  spec.step_concurrency_level = static_cast<int>(in.integer("StepConcurrencyLevel").value_or(1));
  if (const auto* atp = in.object("AutoTerminationPolicy")) {
    InputReader a(*atp, "autoTerminationPolicy");
    if (auto t = a.integer("IdleTimeout")) spec.idle_timeout_s = *t;
    if (!a.ok()) in.set_error(*a.error());
  }
  if (const auto* cfg = in.array("Configurations")) spec.configurations = *cfg;
  req.step_execution_role_arn = in.string("StepExecutionRoleArn").value_or("");
  auto steps = decode_steps(in, "Steps", false);
  auto tags = decode_tags(in, "Tags", false);
  if (const auto* bas = in.array("BootstrapActions")) {
    for (const auto& bv : *bas) {
      if (!bv.is_object()) {
        in.set_error({400, "SerializationException", "bootstrapActions must be a list of structures.", {}});
        break;
      }
      InputReader b(bv.as_object(), "bootstrapActions.member");
      model::BootstrapAction ba;
      ba.name = b.string("Name", true, 256).value_or("");
      if (const auto* script = b.object("ScriptBootstrapAction", true)) {
        InputReader sc(*script, "bootstrapActions.member.scriptBootstrapAction");
        ba.path = sc.string("Path", true).value_or("");
        ba.args = sc.strings("Args").value_or(std::vector<std::string>{});
        if (!sc.ok()) b.set_error(*sc.error());
      }
      if (!b.ok()) {
        in.set_error(*b.error());
        break;
      }
      spec.bootstrap_actions.push_back(std::move(ba));
    }
  }
  if (!in.ok()) return std::nullopt;
  if (!service_role || service_role->empty()) {
    in.set_error(validation("ServiceRole is required for creating cluster."));
    return std::nullopt;
  }
  if (!spec.ami_version.empty() && !spec.release_label.empty()) {
    in.set_error(validation(fmt::format(
        "Only one AMI version and release label may be specified. Provided AMI: {}, release label: {}.",
        spec.ami_version, spec.release_label)));
    return std::nullopt;
  }
  if (!decode_instances(in, *instances, req)) return std::nullopt;
  req.steps = std::move(*steps);
  spec.tags = std::move(*tags);

  const auto& raw = in.raw();
  echo(raw, spec.echo, {"Applications", "ServiceRole", "SecurityConfiguration", "AutoScalingRole", "ScaleDownBehavior",
                        "CustomAmiId", "EbsRootVolumeSize", "EbsRootVolumeIops", "EbsRootVolumeThroughput",
                        "RepoUpgradeOnBoot", "KerberosAttributes", "OSReleaseLabel", "ExtendedSupport",
                        "MonitoringConfiguration", "LogEncryptionKmsKeyId"});
  if (const auto* pg = raw.if_contains("PlacementGroupConfigs")) spec.echo["PlacementGroups"] = *pg;
  if (auto role = in.string("JobFlowRole"))
    spec.echo["Ec2InstanceAttributes"].as_object()["IamInstanceProfile"] = *role;
  if (!in.ok()) return std::nullopt;
  return req;
}

}  // namespace jobflow::frontend::emr
