import MTLCore

// Market insight's records as output shows them: declared once, used by list and show in every
// format (the table shows the columns marked for it).

extension Topic: OutputRecord {
    public static let outputColumns: [OutputColumn<Topic>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("bu") { $0.bu }, .init("fiscal_year") { $0.fiscalYear },
        .init("title") { $0.title }, .init("scenario") { $0.scenario }, .init("priority") { $0.priority }, .init("due_on") { $0.dueOn },
        .init("state") { $0.state }, .init("question", table: false) { $0.question },
        .init("rejection_reason", table: false) { $0.rejectionReason }, .init("state_changed_at", table: false) { $0.stateChangedAt },
        .init("created_by", table: false) { $0.createdBy },
    ]
}

extension TopicRole: OutputRecord {
    public static let outputColumns: [OutputColumn<TopicRole>] = [
        .init("role") { $0.role }, .init("who") { $0.who }, .init("is_unit") { $0.isUnit },
    ]
}

extension TopicProgress: OutputRecord {
    public static let outputColumns: [OutputColumn<TopicProgress>] = [
        .init("days_to_accept") { $0.daysToAccept }, .init("days_to_start") { $0.daysToStart },
        .init("days_in_research") { $0.daysInResearch }, .init("days_to_evaluate") { $0.daysToEvaluate },
        .init("usefulness") { $0.usefulness.map(Int64.init) }, .init("comment") { $0.comment }, .init("decision") { $0.decision },
        .init("evaluated_by") { $0.evaluatedBy },
    ]
}

extension TopicItem: OutputRecord {
    public static let outputColumns: [OutputColumn<TopicItem>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("planned_method") { $0.plannedMethod },
        .init("covered") { $0.covered }, .init("observations") { $0.observations }, .init("methods_used") { $0.methodsUsed },
    ]
}

extension Contribution: OutputRecord {
    public static let outputColumns: [OutputColumn<Contribution>] = [
        .init("id") { $0.id }, .init("topic_id") { $0.topicId }, .init("provider") { $0.provider }, .init("description") { $0.description },
        .init("state") { $0.state }, .init("submitted_by") { $0.submittedBy }, .init("uri", table: false) { $0.uri },
    ]
}

extension Insight: OutputRecord {
    public static let outputColumns: [OutputColumn<Insight>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("kind") { $0.kind }, .init("title") { $0.title },
        .init("confidence") { $0.confidence }, .init("sharing") { $0.sharing }, .init("topic_id") { $0.topicId },
        .init("author") { $0.author }, .init("summary", table: false) { $0.summary }, .init("created_at", table: false) { $0.createdAt },
    ]
}

extension InsightUse: OutputRecord {
    public static let outputColumns: [OutputColumn<InsightUse>] = [
        .init("used_for") { $0.usedFor.rawValue }, .init("subject_id") { $0.subjectId }, .init("unit") { $0.unit },
        .init("used_by") { $0.usedBy }, .init("used_at") { $0.usedAt },
    ]
}

extension CreditBalance: OutputRecord {
    public static let outputColumns: [OutputColumn<CreditBalance>] = [
        .init("unit") { $0.unit }, .init("credits") { $0.credits }, .init("threshold") { $0.threshold },
        .init("window_months") { $0.windowMonths }, .init("reads_shared") { $0.readsShared }, .init("credits_ever") { $0.creditsEver },
    ]
}

extension CreditEntry: OutputRecord {
    public static let outputColumns: [OutputColumn<CreditEntry>] = [
        .init("unit") { $0.unit }, .init("kind") { $0.kind }, .init("subject_id") { $0.subjectId }, .init("credits") { $0.credits },
        .init("earned_at") { $0.earnedAt }, .init("accepted_by") { $0.acceptedBy },
    ]
}

extension MarketSize: OutputRecord {
    public static let outputColumns: [OutputColumn<MarketSize>] = [
        .init("id") { $0.id }, .init("segment") { $0.segment }, .init("fiscal_year") { $0.fiscalYear }, .init("currency") { $0.currency },
        .init("tam") { $0.tam }, .init("sam") { $0.sam }, .init("som") { $0.som }, .init("growth_rate") { $0.growthRate },
        .init("current") { $0.isCurrent }, .init("source") { $0.source }, .init("assumptions", table: false) { $0.assumptions },
        .init("estimated_by", table: false) { $0.estimatedBy }, .init("created_at", table: false) { $0.createdAt },
    ]
}

extension Competitor: OutputRecord {
    public static let outputColumns: [OutputColumn<Competitor>] = [
        .init("code") { $0.code }, .init("name") { $0.name }, .init("website") { $0.website }, .init("notes") { $0.notes },
    ]
}

extension Battlecard: OutputRecord {
    public static let outputColumns: [OutputColumn<Battlecard>] = [
        .init("competitor") { $0.competitor }, .init("segment") { $0.segment }, .init("won") { $0.won }, .init("lost") { $0.lost },
        .init("win_rate") { $0.winRate }, .init("owner") { $0.owner }, .init("review_due_on") { $0.reviewDueOn },
        .init("past_review") { $0.pastReview }, .init("why_we_win", table: false) { $0.whyWeWin },
        .init("strengths", table: false) { $0.strengths }, .init("weaknesses", table: false) { $0.weaknesses },
        .init("their_pitch", table: false) { $0.theirPitch }, .init("objections", table: false) { $0.objections },
        .init("pricing_notes", table: false) { $0.pricingNotes }, .init("last_reviewed_on", table: false) { $0.lastReviewedOn },
    ]
}

extension Voice: OutputRecord {
    public static let outputColumns: [OutputColumn<Voice>] = [
        .init("id") { $0.id }, .init("unit") { $0.unit }, .init("customer") { $0.customer }, .init("channel") { $0.channel },
        .init("sentiment") { $0.sentiment }, .init("themes") { $0.themes.joined(separator: " ") }, .init("heard_on") { $0.heardOn },
        .init("state") { $0.state }, .init("verbatim", table: false) { $0.verbatim }, .init("recorded_by", table: false) { $0.recordedBy },
    ]
}

extension VoiceTheme: OutputRecord {
    public static let outputColumns: [OutputColumn<VoiceTheme>] = [
        .init("unit") { $0.unit }, .init("segment") { $0.segment }, .init("theme") { $0.theme }, .init("entries") { $0.entries },
        .init("average_sentiment") { $0.averageSentiment }, .init("negative") { $0.negative }, .init("positive") { $0.positive },
    ]
}
