package io.smartcloudops.chat.internal.nlu;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hand-written lexical bonuses added to the embedding similarity: what is left of the cue tables
 * (issue #17). Whether an action was asked for and whether a text is chit-chat are decided by the
 * learned lexical model now ({@link WordEvidence}); these bonuses still tip the intent itself,
 * since without them no learned combination tried reached their family-held-out figure
 * ({@code LearnedIntentCrossValidationTest} prints the comparison).
 *
 * <p>Cheap lexical evidence added to the embedding similarity. Sentence embeddings of short commands
 * are dominated by their nouns ("restart nginx" sits near "nginx logs"); the verbs and fixed
 * phrases operators use are few and stable, so a small bonus for them generalises well. Weights are
 * on the cosine-similarity scale (0.1 to 0.35), so a cue tips close calls but cannot outvote a
 * clearly different meaning by itself.
 */
final class IntentCues {

    private record Cue(Intent intent, Pattern pattern, double weight) {}

    private static final String NOT = "(?<!n't )(?<!not )(?<!never )(?<!no need to )";
    /** A verb after these reports a past action ("what was approved") rather than asking for one. */
    private static final String NOT_PASSIVE = "(?<!was )(?<!were )(?<!been )(?<!got )";

    /**
     * Asking about one action by its id ("details on act-2201", "what happened with #41") reads its
     * record; deciding on it ("approve act-2201", "go with #41") is approve or deny.
     */
    private static final Pattern ACTION_RECORD = Pattern.compile(
            "\\b(details?|detail(ed)? view|what happened|what became|happened (to|with)|show|info(rmation)?"
                    + "|status|state|history|outcome|result|look ?up|tell me (about|more)|describe|who (approved|denied|ran|requested|asked)|when (was|did))\\b");

    /** Nouns of the deployment itself; a text without one (or an entity, or a cue) is not about operating it. */
    private static final String DEPLOYMENT_NOUNS =
            "servers?|hosts?|box(es)?|machines?|nodes?|vms?|prod|production|staging|services?|cluster"
                    + "|infra\\w*|systems?|platform|stack|deploy\\w*|metrics?|dashboards?|instances?|replicas?|pods?|containers?|apps?"
                    + "|environment|env|uptime|traffic|incidents?|outages?|on[- ]call|fleet|setup|(web ?)?site|web ?app|backend|frontend|endpoints?|users|customers|smartcloudops|(chat ?)?bot|agent|assistant|commands?|pending|requests?|actions?";

    /** Thanks after one or more acknowledgements: "ok thanks", "okay cool, thank you", "alright great, cheers". */
    private static final String THANKS =
            "^((ok(ay)?|alright|all right|great|awesome|perfect|nice|cool|sweet|lovely|brilliant|excellent|got it|understood|noted)[,.!]? )+"
                    + "(thanks|thank you|thx|ty|cheers)( a lot| so much| again)?\\W*$";

    private static final String DECIDED = "(approved|denied|rejected|executed|cancell?ed|declined)";

    /**
     * A decision reported, not made: "actions that were approved", "approved actions", "what was denied last week".
     * A decision verb in the past tense with a time range looks back at what happened.
     */
    private static final String PAST_DECISION =
            "\\b(actions?|requests?|changes?|restarts?|remediations?|ones)\\s+(that |which )?"
                    + "(were |was |got |have been |has been )?" + DECIDED + "\\b"
                    + "|\\b" + DECIDED + "\\s+(actions?|requests?|changes?|restarts?|remediations?|ones)\\b"
                    + "|\\b" + DECIDED + "\\b.{0,40}\\b((last|past|previous|prior)\\s+(\\d+\\s*|("
                    + NumberWords.ALTERNATIVES + "|few|couple of)\\s+)?"
                    + "(mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|fortnight|months?|night|shift)|yesterday|since|this (morning|week|month))\\b";

    private static final List<Cue> CUES = List.of(
            cue(
                    Intent.STATUS,
                    "\\b(status|overview|sitrep|big picture|overall|summar(y|ise|ize)|how('s| is| are) (everything|things|it going|we|prod|production)|state of (the )?(both|all|system|platform|prod|deployment|hosts))\\b",
                    0.2),
            cue(
                    Intent.STATUS,
                    "\\b(picture|all systems|everything (ok|fine|good|running)|all (good|ok|okay|fine|green|quiet))\\b",
                    0.1),
            // Words for a summary of everything: "the rundown", "tl;dr", "catch me up", "fill me in".
            cue(
                    Intent.STATUS,
                    "\\b(rundown|run-down|tl;? ?dr|recap|round-?up|catch me up|fill me in|up to speed|lay of the land|state of play"
                            + "|anything i should know|what did i miss|how (are )?we doing)\\b|^(so,? )?what'?s (up|going on|wrong|new|happening)\\W*$"
                            + "|^(quick |status |an? )?(update|report)s?( please| pls)?\\W*$",
                    0.2),
            // The whole picture in a few words: "anything on fire?", "green across the board?", "the ten second
            // version".
            cue(
                    Intent.STATUS,
                    "\\b(anything|everything|what'?s)\\b.{0,12}\\b(on fire|burning|ablaze|in flames|broken|exploding)\\b"
                            + "|\\bacross the board\\b|\\b(are we|we('re| are)|is everything|everything) (all )?(in the )?green\\b"
                            + "|\\b(\\w+[- ]second|short|quick|brief|one[- ]line|tl;? ?dr) (version|summary|overview|take)\\b|\\bin a nutshell\\b"
                            + "|\\b(how|where) (things|we|everything|stuff) (stands?|looks?|sits?)\\b",
                    0.25),
            // Health, state or shape of the whole deployment is a status, not a probe of one target.
            cue(
                    Intent.STATUS,
                    "\\b(health\\w*|state|shape|condition)\\b.{0,25}\\b(everything|every (service|host|box|server|machine)"
                            + "|all (the |our )?(hosts|services|systems|servers|boxes|machines)|both (hosts|boxes|servers|machines)"
                            + "|the (whole|entire) \\w+|(the |our )?infra\\w*|the fleet)\\b",
                    0.25),
            cue(
                    Intent.METRIC_QUERY,
                    "\\b(usage|utili[sz]ation|how much|how many|graph|plot|current(ly)?|numbers|consumption|what('s| is| was) the)\\b",
                    0.08),
            cue(
                    Intent.ANOMALIES,
                    "\\b(anomal(y|ies|ous)|outliers?|unusual|abnormal|weird|odd|strange|spikes?|flagged|out of the ordinary|detector)\\b",
                    0.15),
            cue(Intent.ANOMALIES, "\\b(list|show|any|recent)\\b.{0,20}\\banomal", 0.1),
            // "unusual latency patterns", "odd behaviour", "strange readings": irregularity in the data itself.
            cue(
                    Intent.ANOMALIES,
                    "\\b(unusual|abnormal|weird|odd|strange|irregular|atypical|suspicious|funny|erratic)\\b.{0,30}"
                            + "\\b(patterns?|behaviou?rs?|activity|readings?|values?|numbers|data|spikes?|dips?|blips?|jumps?|drops?|trends?)\\b",
                    0.15),
            cue(
                    Intent.EXPLAIN_ANOMALY,
                    "\\b(why|explain\\w*|root cause|caus(e|ed)|reason|what'?s behind|behind the|triggered|dig into|break down)\\b",
                    0.2),
            // Causal questions name what they ask about through a verb of causing: "what drove / led to / set off the
            // spike".
            cue(
                    Intent.EXPLAIN_ANOMALY,
                    "\\bwhat\\b.{0,15}\\b(drove|drives|led to|leads to|set off|sets off|prompted|produced|made)\\b|\\bhow come\\b|\\bstory behind\\b",
                    0.15),
            cue(
                    Intent.EXPLAIN_ANOMALY,
                    "\\b(why|explain\\w*|root cause|caus(e|ed)|reason|behind|triggered)\\b.{0,40}\\b(anomal\\w*|spike|flag\\w*|outlier|one|dip|drop)\\b",
                    0.12),
            cue(Intent.ALERTS, "\\b(alerts|alerting|alarms?|firing|fireing|alertmanager|paging|paged|alert)\\b", 0.18),
            cue(
                    Intent.LOGS,
                    "\\b(logs?|tail|grep|journal(ctl)?|stack ?traces?|stderr|stdout|syslog|logged|logging|log (entries|messages|output|lines))\\b",
                    0.22),
            cue(
                    Intent.RESTART_SERVICE,
                    NOT + "\\b(restart(ing|ed)?|bounce|recycle|reboot|kick|cycle|power[- ]cycle|reload)\\b",
                    0.22),
            // "don't restart anything" names a restart only to rule it out.
            cue(
                    Intent.RESTART_SERVICE,
                    "\\b(n't|not|never|no need to|without) (restart|bounce|recycle|reboot|kick|cycle)\\w*",
                    -0.15),
            cue(
                    Intent.SCALE_UP,
                    "\\b(scale|scaling|replicas?|capacity|resize|upsize|upgrade|spin up|bigger|instance type|horizontal(ly)?|vertical(ly)?)\\b",
                    0.2),
            cue(
                    Intent.SCALE_UP,
                    "\\b(add|more|another|extra|additional)\\b.{0,25}\\b(instances?|replicas?|nodes?|pods?|workers|copies|capacity)\\b",
                    0.15),
            cue(
                    Intent.HEALTH_CHECK,
                    "\\b(health ?check|helth|healthy|health|alive|reachable|respond(ing|s)?|responsive|answer(ing|s)?|up and running|ping|probe|online|accepting connections|connectivity)\\b",
                    0.2),
            // A bare "check the cache" is a probe unless it names something else to look at.
            cue(
                    Intent.HEALTH_CHECK,
                    "^(can you |could you |please |pls )?(check( on)?|test|verify)\\b(?!.{0,40}\\b(logs?|metrics?|alerts?|audit|anomal\\w*|history|cpu|memory|disk|latency|load|traffic|usage)\\b)",
                    0.15),
            cue(Intent.HEALTH_CHECK, "\\b(is|are|if|whether)\\b.{0,30}\\b(serving|listening|working)\\b", 0.12),
            // "nginx up or not?", "is redis up or down", "grafana alive?": a yes/no question about one target's
            // liveness.
            cue(
                    Intent.HEALTH_CHECK,
                    "\\b(up|down|alive|running|dead|reachable) or (not|down|up|dead|what)\\b"
                            + "|^(is |are )?(the )?(?!(everything|all|things|stuff|we|it|shut|turn|spin|scale|bring|take|power|slow|calm|cool|wind)\\b)[\\w-]+( [\\w-]+)? (still )?(up|down|alive|running|dead)( (yet|now|again))?\\s*\\?*$",
                    0.2),
            cue(
                    Intent.HEALTH_CHECK,
                    "^(is|are|check( if| whether| that)?|verify( that)?|make sure)\\b.{0,40}\\b(up|down|running|ok|alive|healthy|working)\\b",
                    0.15),
            cue(
                    Intent.FORECAST,
                    "\\b(forecast|predict(ion|ed)?|project(ed|ion)?|extrapolate|estimate|trend|going forward|run(s)? out|fill(s)? up|how long until|how long before|when will|when does|capacity planning|next|nxt|coming|look like|outlook)\\b",
                    0.2),
            cue(Intent.FORECAST, "\\bwill\\b", 0.08),
            // A span reaching forward ("next 30 min", "coming 2 days", "in 3 hours") is a horizon, whatever the verb.
            cue(
                    Intent.FORECAST,
                    "\\b(next|nxt|coming|upcoming|following|in)\\s+(\\d+(\\.\\d+)?\\s*|(" + NumberWords.ALTERNATIVES
                            + "|few)\\s+)?"
                            + "(mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|fortnight|months?)\\b(?!\\s+ago)",
                    0.15),
            // A span reaching back ("last 90 minutes", "past 2 days", "3 hours ago", "yesterday") asks what was, not
            // what will be.
            // Unless the text also asks for a projection: "predict cpu from the last 7 days" uses the past as input.
            cue(
                    Intent.FORECAST,
                    "^(?!.*\\b(forecast\\w*|predict\\w*|project\\w*|extrapolat\\w*|will|going to|gonna|next|tomorrow|until|run(s)? out|fill(s)? up)\\b).*("
                            + "\\b(last|past|previous|prior|earlier)\\s+(\\d+(\\.\\d+)?\\s*|("
                            + NumberWords.ALTERNATIVES + "|few|couple of)\\s+)?"
                            + "(mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|fortnight|months?|night|shift)\\b|\\bago\\b|\\byesterday\\b|\\bso far\\b)",
                    -0.25),
            cue(
                    Intent.FORECAST,
                    "\\b(left|remaining|to go) (until|before)\\b|\\bhow (many|much) (more )?(days|hours|weeks|time)\\b|\\brunway\\b",
                    0.15),
            cue(
                    Intent.FORECAST,
                    "\\b(heading|headed|gonna (be|run|fill|hit|need)|going to (be|run|fill|hit|need)|tomorrow|by (monday|tuesday|wednesday|thursday|friday|the weekend|next))\\b",
                    0.12),
            cue(
                    Intent.AUDIT,
                    "\\b(audit|who (restarted|did|changed|approved|denied|scaled|touched|ran|deployed|silenced)|actions? (were |was )?(taken|ran|run|executed|performed)|changes? (made|to)|history|change ?log|remediations?)\\b",
                    0.3),
            // Past or passive action verbs report what happened: "has anything been restarted", "what was approved".
            cue(
                    Intent.AUDIT,
                    "\\b(been|was|were|got|gotten|get)\\s+(restart|bounc|reboot|scal|resiz|silenc|mut|approv|deni|reject|roll|kill|chang|modifi|cancel|touch)\\w*ed\\b"
                            + "|\\bwhat('s| has| have)? (been )?changed\\b|\\banything changed\\b",
                    0.25),
            // "did anyone touch redis?", "has somebody restarted nginx": someone acted, the question is who.
            cue(
                    Intent.AUDIT,
                    "\\b(anyone|anybody|someone|somebody|who(ever)?)\\b.{0,15}\\b(touch|chang|restart|bounc|kick|reboot|scal|resiz|deploy|approv|silenc|mut|modif|delet|roll|kill|stopp)\\w*"
                            + "|\\bwhat (did|have|has) (you|the bot|the agent|we|it|sco)\\b.{0,10}\\b(do|done|change|changed)\\b",
                    0.2),
            cue(
                    Intent.AUDIT,
                    "^who\\b.{0,20}\\b(restart|bounc|kick|kill|reboot|recycl|stopp|start|scal|resiz|deploy|approv|deni|reject|silenc|mut|chang|touch|modifi|delet|updat|roll)\\w*ed\\b|\\bchanges?\\b.{0,25}\\b(made|make|did|done)\\b",
                    0.25),
            // "actions approved yesterday", "requests that were denied": a decision reported, not made.
            cue(
                    Intent.AUDIT,
                    PAST_DECISION + "|\\b(action|remediation) (log|history|trail|record)s?\\b|\\baudit trail\\b"
                            + "|\\b(what('s| has| have)?|anything) (been )?done (to|on|with|about)\\b",
                    0.3),
            cue(Intent.APPROVE, PAST_DECISION, -0.2),
            cue(Intent.DENY, PAST_DECISION, -0.2),
            cue(
                    Intent.APPROVE,
                    "^(yes|yep|yeah|yup|y|sure|lgtm|approved?|confirm(ed)?|go ahead|proceed|ship it|do it|accept(ed)?)\\b",
                    0.3),
            // A leading "ok" is often only an acknowledgement ("ok and the memory side?", "okay, now restart redis");
            // it approves when it stands alone or goes with a go-ahead.
            cue(
                    Intent.APPROVE,
                    "^(ok(ay)?|k|kk)(\\W*$|[,.!]?\\s+(then,? |so |fine,? |sure,? )?(do it|go( ahead| for it)?|proceed|approved?|yes|sure|fine|ship it"
                            + "|confirm(ed)?|let'?s (do|go)|send it|execute( it)?|apply( it)?|run it|make it so|carry on)\\b)",
                    0.3),
            cue(
                    Intent.APPROVE,
                    NOT + NOT_PASSIVE
                            + "\\b(approv(e|ed|al)|go ahead|ship it|lgtm|green[- ]light|make it so|go for it|sign off|fine with (it|that|this)|works for me|sounds good)\\b",
                    0.25),
            cue(Intent.DENY, "^(no|nope|nah|n|negative|actually no)\\b", 0.3),
            cue(
                    Intent.DENY,
                    "\\b(hold on|wait|leave it|no thanks|not now|don'?t bother|not (approved|accepted|ok|okay|confirmed)|(don'?t|do not|never) (approve|accept|confirm))\\b",
                    0.3),
            cue(
                    Intent.DENY,
                    "\\b(deny|denied|reject(ed)?|cancel|abort|scrap|decline|never ?mind|forget (it|that|all that|about it)|let'?s not|(i'?d )?rather not|better not|hold off|call it off|don'?t (do|proceed|go ahead)|stop(?! (paging|alerting|notif))|drop (that|it|the request))\\b",
                    0.3),
            cue(
                    Intent.SILENCE,
                    "\\b(silenc(e|ing)|mut(e|ing)|snooz(e|ing)|shh+|hush|quiet|suppress|acknowledge|ack|shut up|pause (alert|notif)\\w*|stop (paging|alerting|notif\\w*))\\b",
                    0.35),
            // "shut the high error rate alert up": the particle comes after the object.
            cue(Intent.SILENCE, "\\bshut\\b(\\s+\\S+){1,7}?\\s+up\\b", 0.3),
            cue(Intent.HELP, "^(help|halp|\\?|menu|usage|commands|examples|options)( please| pls| plz)?\\W*$", 0.35),
            cue(
                    Intent.HELP,
                    "\\b(what can (you|i)|what (kinds? of |sorts? of |types? of )?(things|questions|commands|requests|queries|tasks)|capabilit\\w*|how (do|can|should) i (use|talk|ask|phrase|query)|supported commands|commands (do )?you|what do you (do|support)|what are you able)\\b",
                    0.3),
            // "show me some example queries", "give me sample questions": how to talk to the bot.
            cue(
                    Intent.HELP,
                    "\\b(examples?|samples?|typical|sample|demo)\\s+(of\\s+)?(queries|questions|commands|prompts|requests|phrases|phrasings|messages|things to (ask|say|type))\\b"
                            + "|^(show|give|list|tell)( me)?( some| a few| a couple of)? examples\\W*$",
                    0.3),
            cue(Intent.HELP, "\\b(what|who) (is|are) (smartcloudops|this (bot|tool|thing|assistant|chat))\\b", 0.25),
            cue(Intent.HELP, "\\bhow (does|do) (this|it|you|the \\w+|this \\w+)( even)? work\\b", 0.2),
            // Asking what the bot itself covers: "which tasks do you handle", "what do you understand".
            cue(
                    Intent.HELP,
                    "\\b(do|can|will) you (handle|support|understand|cover|take|answer|deal with)\\b(?!.{0,40}\\b("
                            + DEPLOYMENT_NOUNS + ")\\b)",
                    0.2),
            cue(
                    Intent.OUT_OF_SCOPE,
                    "\\b(write|create|generate|draft|compose)\\b.{0,30}\\b(script|code|program|function|class|regex|essay|letter|poem|story)\\b",
                    0.3),
            // Pleasantries carry no request; "thanks" must not read as "yes".
            cue(
                    Intent.OUT_OF_SCOPE,
                    "^(thanks|thank you|thx|ty|cheers|ta|good bot|bad bot|nice|cool|awesome|lol|lmao|haha\\w*|hehe)\\W*$"
                            + "|" + THANKS,
                    0.35),
            // "ok, thanks" acknowledges an answer; the "ok" approves nothing.
            cue(Intent.APPROVE, THANKS, -0.3),
            cue(
                    Intent.OUT_OF_SCOPE,
                    "\\d\\s*[-+*/x\u00d7\u00f7^]\\s*\\d+\\s*(=|\\?|$)|\\b\\d+ (plus|minus|times|divided by|squared)\\b|\\bsquare root\\b",
                    0.3),
            cue(
                    Intent.OUT_OF_SCOPE,
                    "\\b(write|create|generate|draft|compose|make)\\b.{0,40}\\b(yaml|manifest|dockerfile|terraform|helm chart|playbook|config file|cover letter|resume|cv|blog post|tweet|slides?|one-liner|snippet|bash|shell script)\\b",
                    0.3),
            cue(
                    Intent.OUT_OF_SCOPE,
                    "\\b(joke|poem|haiku|limerick|story|song|recipe|weather|capital of|president|movie|pizza|translate|python|javascript|linked list|essay|football|meaning of life|sql query|email to|programming languages?|leetcode|horoscope|lottery|stock price|rain(ing|y)?|snow(ing)?|eli5|like i'?m (five|5))\\b",
                    0.35),
            // Working on a text of the user's own is a writing task, not a summary of the deployment.
            cue(
                    Intent.OUT_OF_SCOPE,
                    "\\b(summar\\w*|translate|rewrite|proofread|paraphrase|spell-?check)\\b.{0,25}\\b(article|text|document|book|paper|email|essay|pdf|paragraph|sentence)\\b",
                    0.35));

    /**
     * Words that tie a text to operating the deployment even when no intent cue or entity is found;
     * pronouns and "you" count, since "kick it" or "what do you do" belong to a conversation with the bot.
     */
    private static final Pattern DOMAIN =
            Pattern.compile("\\b(" + DEPLOYMENT_NOUNS + "|it|that|this|them|those|one|you|your)\\b");

    private IntentCues() {}

    /** The summed cue weight per intent for a lower-cased text, plus evidence from its mentions. */
    static Map<Intent, Double> boosts(String lower, Map<String, Object> mentions) {
        Map<Intent, Double> out = new EnumMap<>(Intent.class);
        for (Cue c : CUES) {
            if (c.pattern().matcher(lower).find()) {
                out.merge(c.intent(), c.weight(), Double::sum);
            }
        }
        if (mentions.containsKey(SlotExtractor.INSTANCE_TYPE)) {
            out.merge(Intent.SCALE_UP, 0.2, Double::sum);
        }
        if (mentions.containsKey(SlotExtractor.REPLICAS)) {
            out.merge(Intent.SCALE_UP, 0.08, Double::sum);
        }
        if (mentions.containsKey(SlotExtractor.METRIC)) {
            out.merge(Intent.METRIC_QUERY, 0.06, Double::sum);
        }
        Object id = mentions.get(SlotExtractor.ID);
        if (id != null && (id.toString().startsWith("an-") || lower.contains("anomal"))) {
            // One anomaly named by its id can only be asked about, not listed.
            out.merge(Intent.EXPLAIN_ANOMALY, 0.15, Double::sum);
        }
        if (id != null
                && !id.toString().startsWith("an-")
                && !lower.contains("anomal")
                && ACTION_RECORD.matcher(lower).find()
                && out.getOrDefault(Intent.APPROVE, 0.0) <= 0
                && out.getOrDefault(Intent.DENY, 0.0) <= 0) {
            out.merge(Intent.AUDIT, 0.3, Double::sum);
            out.merge(Intent.STATUS, -0.2, Double::sum);
        }
        if (mentions.containsKey(SlotExtractor.ALERT)) {
            out.merge(Intent.SILENCE, 0.08, Double::sum);
        }
        if (mentions.isEmpty()
                && out.values().stream().noneMatch(w -> w >= 0.1)
                && !DOMAIN.matcher(lower).find()) {
            // Nothing of the deployment is named and no operator phrase is used (the weak "how many" or
            // "will" cues aside): chit-chat and trivia
            // land near some ops example by chance, so tilt towards out of scope.
            out.merge(Intent.OUT_OF_SCOPE, 0.12, Double::sum);
        }
        if (mentions.containsKey(SlotExtractor.SERVICE) || mentions.containsKey(SlotExtractor.HOST)) {
            // Naming a concrete target makes the general intents less likely.
            out.merge(Intent.STATUS, -0.08, Double::sum);
            out.merge(Intent.HELP, -0.1, Double::sum);
        }
        return out;
    }

    private static Cue cue(Intent intent, String regex, double weight) {
        return new Cue(intent, Pattern.compile(regex), weight);
    }
}
