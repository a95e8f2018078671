let x = embeddedSQLFiles
