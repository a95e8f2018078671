/// Lead files in the shapes people have, shared by the import's service and CLI tests.
public enum LeadSamples {
    /// A contacts export shaped like HubSpot's, as Excel saves it (BOM, CRLF).
    public static let hubspotContacts = "\u{FEFF}Record ID,First Name,Last Name,Email,Company Name,Job Title,Phone Number,Lifecycle Stage,Lead Status,Create Date\r\n"
        + "101,Chloé,Müller,chloe@bahn.example,DB Netz,Head of Networks,+49 30 1234,lead,New,2026-11-02 09:12\r\n"
        + "102,Jan,,jan@port.example,Port of Hamburg,,,subscriber,Open,2026-11-03 10:00\r\n"
}
