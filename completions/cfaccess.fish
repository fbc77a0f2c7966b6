function __cfaccess_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cfaccess_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __cfaccess_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __cfaccess_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __cfaccess_parse_tokens -S
    set -l unparsed_tokens (__cfaccess_tokens -pc)
    switch $unparsed_tokens[1]
    case 'cfaccess'
        __cfaccess_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'map'
            __cfaccess_parse_subcommand -r 1 'o/output=' 'from=' 'account=' 'profile=+' 'raw-data' 'no-raw-data' 'ocsf-version=' 'rejects=' 'strict' 'jobs=' 'version' 'h/help'
        case 'logs'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'fetch'
                __cfaccess_parse_subcommand 0 'feed=' 'account=' 'token=' 'since=' 'until=' 'base-url=' 'ca-file=' 'format=' 'o/output=' 'rejects=' 'max-records=' 'page-size=' 'email=+' 'email-exact' 'not-email=+' 'app=+' 'allowed' 'denied' 'country=+' 'not-country=+' 'ray-id=+' 'idp=+' 'profile=+' 'raw-data' 'no-raw-data' 'version' 'h/help'
            case 'summary'
                __cfaccess_parse_subcommand 0 'by=+' 'top=' 'top-each=' 'json' 'input=+' 'jobs=' 'feed=' 'account=' 'token=' 'since=' 'until=' 'base-url=' 'ca-file=' 'email=+' 'email-exact' 'not-email=+' 'app=+' 'allowed' 'denied' 'country=+' 'not-country=+' 'ray-id=+' 'idp=+' 'version' 'h/help'
            end
        case 'feed'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'create'
                __cfaccess_parse_subcommand 1 'account=' 'token=' 'start=' 'events=' 'output=' 'storage=' 'spool-max=' 'shared' 'lease=' 'format=' 'rejects=' 'lookback=' 'interval=' 'rotate-size=' 'rotate-interval=' 'compress' 'no-compress' 'contact-name=' 'contact-email=' 'email=+' 'email-exact' 'not-email=+' 'app=+' 'allowed' 'denied' 'country=+' 'not-country=+' 'ray-id=+' 'idp=+' 'profile=+' 'raw-data' 'no-raw-data' 'no-check' 'base-url=' 'ca-file=' 'version' 'h/help'
            case 'update'
                __cfaccess_parse_subcommand 1 'account=' 'token=' 'events=' 'output=' 'storage=' 'spool-max=' 'shared' 'lease=' 'format=' 'rejects=' 'lookback=' 'interval=' 'rotate-size=' 'rotate-interval=' 'compress' 'no-compress' 'contact-name=' 'contact-email=' 'email=+' 'email-exact' 'not-email=+' 'app=+' 'allowed' 'denied' 'country=+' 'not-country=+' 'ray-id=+' 'idp=+' 'profile=+' 'raw-data' 'no-raw-data' 'no-filter' 'no-profile' 'no-check' 'base-url=' 'ca-file=' 'version' 'h/help'
            case 'list'
                __cfaccess_parse_subcommand 0 'json' 'version' 'h/help'
            case 'show'
                __cfaccess_parse_subcommand 1 'json' 'version' 'h/help'
            case 'status'
                __cfaccess_parse_subcommand -r 1 'json' 'strict' 'version' 'h/help'
            case 'run'
                __cfaccess_parse_subcommand -r 1 'all' 'follow' 'interval=' 'jobs=' 'metrics-file=' 'ca-file=' 'version' 'h/help'
            case 'verify'
                __cfaccess_parse_subcommand 1 'json' 'version' 'h/help'
            case 'reset'
                __cfaccess_parse_subcommand 1 'since=' 'version' 'h/help'
            case 'test'
                __cfaccess_parse_subcommand 1 'version' 'h/help'
            case 'delete'
                __cfaccess_parse_subcommand 1 'version' 'h/help'
            end
        case 'vault'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __cfaccess_parse_subcommand 0 'kdf=' 'version' 'h/help'
            case 'status'
                __cfaccess_parse_subcommand 0 'json' 'version' 'h/help'
            case 'passwd'
                __cfaccess_parse_subcommand 0 'new-passphrase-file=' 'kdf=' 'version' 'h/help'
            case 'lock'
                __cfaccess_parse_subcommand 0 'version' 'h/help'
            case 'restore'
                __cfaccess_parse_subcommand 0 'force' 'version' 'h/help'
            end
        case 'token'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __cfaccess_parse_subcommand 1 'from-file=' 'from-env=' 'version' 'h/help'
            case 'list'
                __cfaccess_parse_subcommand 0 'json' 'version' 'h/help'
            case 'show'
                __cfaccess_parse_subcommand 1 'json' 'version' 'h/help'
            case 'rotate'
                __cfaccess_parse_subcommand 1 'from-file=' 'from-env=' 'version' 'h/help'
            case 'remove'
                __cfaccess_parse_subcommand 1 'force' 'version' 'h/help'
            case 'check-scopes'
                __cfaccess_parse_subcommand 1 'account=' 'json' 'base-url=' 'ca-file=' 'version' 'h/help'
            end
        case 'storage'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'add'
                __cfaccess_parse_subcommand 1 'endpoint=' 'region=' 'access-key-id=' 'addressing=' 'from-file=' 'from-env=' 'version' 'h/help'
            case 'list'
                __cfaccess_parse_subcommand 0 'json' 'version' 'h/help'
            case 'show'
                __cfaccess_parse_subcommand 1 'json' 'version' 'h/help'
            case 'rotate'
                __cfaccess_parse_subcommand 1 'endpoint=' 'region=' 'access-key-id=' 'addressing=' 'from-file=' 'from-env=' 'version' 'h/help'
            case 'remove'
                __cfaccess_parse_subcommand 1 'force' 'version' 'h/help'
            case 'check'
                __cfaccess_parse_subcommand 1 'bucket=' 'prefix=' 'ca-file=' 'version' 'h/help'
            end
        case 'version'
            __cfaccess_parse_subcommand 0 'v/verbose' 'version' 'h/help'
        case 'config'
            __cfaccess_parse_subcommand 3 'json' 'version' 'h/help'
        case 'completion'
            __cfaccess_parse_subcommand 1 'version' 'h/help'
        case 'set'
            __cfaccess_parse_subcommand 2 'version' 'h/help'
        case 'unset'
            __cfaccess_parse_subcommand 1 'version' 'h/help'
        case 'history'
            __cfaccess_parse_subcommand 0 'version' 'h/help'
        case 'exit'
            __cfaccess_parse_subcommand 1 'version' 'h/help'
        case 'help'
            __cfaccess_parse_subcommand -r 1 'version'
        end
    end
end

function __cfaccess_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __cfaccess_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __cfaccess_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __cfaccess_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__cfaccess_tokens -p)
    if test -z "$(__cfaccess_tokens -t)"
        set -l index (count (__cfaccess_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'cfaccess' -f
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'map' -d 'Normalize Cloudflare Access records to OCSF Authentication events.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'logs' -d 'Pull Access authentication logs from Cloudflare.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'feed' -d 'Create, inspect and run saved collection jobs (feeds).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'vault' -d 'Create, inspect, re-key or lock the encrypted token vault.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'token' -d 'Add, list, show, rotate or remove Cloudflare API tokens in the vault.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'storage' -d 'Add, list, show, rotate, remove or check S3-compatible object stores.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'version' -d 'Show the version of cfaccess and of the libraries it uses.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'config' -d 'Save defaults for --account, --token, --base-url and --format.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'completion' -d 'Print the bash, zsh or fish completion script.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'set' -d 'Define a variable for ${NAME} in later lines (no arguments: list the names).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'unset' -d 'Forget a variable.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'history' -d 'Show the command history.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'exit' -d 'Leave the shell.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess map" -ge 1' -F
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" o output' -l 'output' -s 'o' -d 'Write events here instead of stdout.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" from' -l 'from' -d 'Input shape: detect per record, or force the API or Logpush spelling.' -rfka 'auto api logpush'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" account' -l 'account' -d 'Cloudflare account id, recorded as metadata.tenant_uid.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map"' -l 'profile' -d 'Add an OCSF profile (repeatable).' -rfka 'security_control datetime'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" raw-data' -l 'raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" no-raw-data' -l 'no-raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" ocsf-version' -l 'ocsf-version' -d 'OCSF version to write.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" rejects' -l 'rejects' -d 'Keep rejected records here, verbatim, one per line.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" strict' -l 'strict' -d 'Stop at the first rejected record.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" jobs' -l 'jobs' -d 'Map on this many threads (default: one per CPU this process may use).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess map" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess logs" -eq 1' -fa 'fetch' -d 'Fetch the access requests of a time window (OCSF, raw records or a table).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess logs" -eq 1' -fa 'summary' -d 'Count requests by user, app, country, ip, idp, action, allowed or hour, from the API or files.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" feed' -l 'feed' -d 'Use this feed\'s account, token and base URL (its checkpoint is not touched).' -rfka '(__cfaccess_custom_completion ---completion logs fetch -- --feed (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" account' -l 'account' -d 'Cloudflare account id.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" token' -l 'token' -d 'Name of the vault token to use.' -rfka '(__cfaccess_custom_completion ---completion logs fetch -- --token (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" since' -l 'since' -d 'Start of the window: RFC 3339 or an age (30m, 24h, 7d).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" until' -l 'until' -d 'End of the window.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" base-url' -l 'base-url' -d 'API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" format' -l 'format' -d 'Output format (default: table on a terminal, ocsf otherwise).' -rfka 'ocsf raw table'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" o output' -l 'output' -s 'o' -d 'Write here instead of stdout.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" rejects' -l 'rejects' -d 'Keep records that cannot be normalized here.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" max-records' -l 'max-records' -d 'Stop after this many records.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" page-size' -l 'page-size' -d 'Records to ask for per page.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'email' -d 'Keep records whose user e-mail contains this (repeatable: any of them).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" email-exact' -l 'email-exact' -d '--email and --not-email match whole addresses.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'not-email' -d 'Drop records whose user e-mail contains this (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'app' -d 'Keep this application: its uid or domain (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" allowed' -l 'allowed' -d 'Keep allowed requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" denied' -l 'denied' -d 'Keep denied requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'country' -d 'Keep requests from this country, ISO 3166 code (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'not-country' -d 'Drop requests from this country (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'ray-id' -d 'Keep the request with this Ray ID (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'idp' -d 'Keep logins through this identity provider, e.g. okta (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch"' -l 'profile' -d 'Add an OCSF profile (repeatable).' -rfka 'security_control datetime'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" raw-data' -l 'raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" no-raw-data' -l 'no-raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs fetch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'by' -d 'Group by this (repeatable, in order).' -rfka 'user app country ip idp action allowed hour'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" top' -l 'top' -d 'Only the N largest groups (with --top-each: the N first-key values with the most requests).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" top-each' -l 'top-each' -d 'With two or more --by keys: under each first-key value, only its N largest groups.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" json' -l 'json' -d 'An array of groups as JSON.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'input' -d 'Count these files instead of fetching: raw records or OCSF events, gzip or not, \'-\' for stdin.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" jobs' -l 'jobs' -d 'Read files on this many threads (default: one per CPU this process may use).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" feed' -l 'feed' -d 'Use this feed\'s account, token and base URL (its checkpoint is not touched).' -rfka '(__cfaccess_custom_completion ---completion logs summary -- --feed (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" account' -l 'account' -d 'Cloudflare account id.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" token' -l 'token' -d 'Name of the vault token to use.' -rfka '(__cfaccess_custom_completion ---completion logs summary -- --token (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" since' -l 'since' -d 'Start of the window: RFC 3339 or an age (30m, 24h, 7d).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" until' -l 'until' -d 'End of the window.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" base-url' -l 'base-url' -d 'API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'email' -d 'Keep records whose user e-mail contains this (repeatable: any of them).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" email-exact' -l 'email-exact' -d '--email and --not-email match whole addresses.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'not-email' -d 'Drop records whose user e-mail contains this (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'app' -d 'Keep this application: its uid or domain (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" allowed' -l 'allowed' -d 'Keep allowed requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" denied' -l 'denied' -d 'Keep denied requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'country' -d 'Keep requests from this country, ISO 3166 code (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'not-country' -d 'Drop requests from this country (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'ray-id' -d 'Keep the request with this Ray ID (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary"' -l 'idp' -d 'Keep logins through this identity provider, e.g. okta (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess logs summary" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'create' -d 'Save a feed (after checking its token, unless --no-check).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'update' -d 'Change a saved feed, keeping its checkpoint.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'list' -d 'One line per feed with its health.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'show' -d 'A feed\'s definition and health (never the token).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'status' -d 'Each feed\'s health; exit 0 when all are ok, 1 otherwise.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'run' -d 'Collect from each feed\'s checkpoint to now (--follow: keep polling until stopped).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'verify' -d 'Check that every object a feed delivered is in its bucket, unchanged (exit 1 naming any missing or altered).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'reset' -d 'Move a feed\'s checkpoint to a time.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'test' -d 'Run check-scopes for a feed\'s token and account.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed" -eq 1' -fa 'delete' -d 'Delete a feed\'s definition and state (not its output).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" account' -l 'account' -d 'Cloudflare account id (default: the saved account).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" token' -l 'token' -d 'Name of the vault token to use (default: the saved token).' -rfka '(__cfaccess_custom_completion ---completion feed create -- --token (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" start' -l 'start' -d 'Collect from this time: RFC 3339, a date, or an age.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" events' -l 'events' -d 'Event types to collect.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" output' -l 'output' -d 'Where events are appended (default: the data directory\'s output/NAME.ndjson), or s3://BUCKET/PREFIX with --storage.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" storage' -l 'storage' -d 'The object store an s3:// output goes to (see \'cfaccess storage\').' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" spool-max' -l 'spool-max' -d 'With an s3:// output: the most sealed objects the local spool holds before the feed stops fetching (default 1G).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" shared' -l 'shared' -d 'With an s3:// output: keep the checkpoint in the bucket, so that several hosts run the feed and one at a time collects.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" lease' -l 'lease' -d 'A shared feed\'s lease: how long a host collects after its last renewal before another takes over (5s to 1h, default 2m).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" format' -l 'format' -d 'Write OCSF events (default) or the raw records.' -rfka 'ocsf raw'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" rejects' -l 'rejects' -d 'Where records that cannot be normalized go (default: the output + .rejects).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" lookback' -l 'lookback' -d 'Re-read this far behind the checkpoint on every run (10m unless set; at most 7d).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" interval' -l 'interval' -d 'Time between polls under \'feed run --follow\' (default: the run\'s --interval).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" rotate-size' -l 'rotate-size' -d 'Start a new output file past this size, e.g. 256M (\'off\' to stop).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" rotate-interval' -l 'rotate-interval' -d 'Start a new output file this often, e.g. 1h or 1d (\'off\' to stop).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" compress' -l 'compress' -d 'Gzip rotated output files.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" no-compress' -l 'no-compress' -d 'Gzip rotated output files.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" contact-name' -l 'contact-name' -d 'Who to ask about this feed.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" contact-email' -l 'contact-email' -d 'Their e-mail.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'email' -d 'Keep records whose user e-mail contains this (repeatable: any of them).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" email-exact' -l 'email-exact' -d '--email and --not-email match whole addresses.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'not-email' -d 'Drop records whose user e-mail contains this (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'app' -d 'Keep this application: its uid or domain (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" allowed' -l 'allowed' -d 'Keep allowed requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" denied' -l 'denied' -d 'Keep denied requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'country' -d 'Keep requests from this country, ISO 3166 code (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'not-country' -d 'Drop requests from this country (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'ray-id' -d 'Keep the request with this Ray ID (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'idp' -d 'Keep logins through this identity provider, e.g. okta (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create"' -l 'profile' -d 'Add an OCSF profile (repeatable).' -rfka 'security_control datetime'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" raw-data' -l 'raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" no-raw-data' -l 'no-raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" no-check' -l 'no-check' -d 'Save without running check-scopes.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" base-url' -l 'base-url' -d 'API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed update" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed update -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" account' -l 'account' -d 'Cloudflare account id.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" token' -l 'token' -d 'Name of the vault token to use.' -rfka '(__cfaccess_custom_completion ---completion feed update -- --token (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" events' -l 'events' -d 'Event types to collect.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" output' -l 'output' -d 'Where events are appended (default: the data directory\'s output/NAME.ndjson), or s3://BUCKET/PREFIX with --storage.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" storage' -l 'storage' -d 'The object store an s3:// output goes to (see \'cfaccess storage\').' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" spool-max' -l 'spool-max' -d 'With an s3:// output: the most sealed objects the local spool holds before the feed stops fetching (default 1G).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" shared' -l 'shared' -d 'With an s3:// output: keep the checkpoint in the bucket, so that several hosts run the feed and one at a time collects.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" lease' -l 'lease' -d 'A shared feed\'s lease: how long a host collects after its last renewal before another takes over (5s to 1h, default 2m).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" format' -l 'format' -d 'Write OCSF events (default) or the raw records.' -rfka 'ocsf raw'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" rejects' -l 'rejects' -d 'Where records that cannot be normalized go (default: the output + .rejects).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" lookback' -l 'lookback' -d 'Re-read this far behind the checkpoint on every run (10m unless set; at most 7d).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" interval' -l 'interval' -d 'Time between polls under \'feed run --follow\' (default: the run\'s --interval).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" rotate-size' -l 'rotate-size' -d 'Start a new output file past this size, e.g. 256M (\'off\' to stop).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" rotate-interval' -l 'rotate-interval' -d 'Start a new output file this often, e.g. 1h or 1d (\'off\' to stop).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" compress' -l 'compress' -d 'Gzip rotated output files.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" no-compress' -l 'no-compress' -d 'Gzip rotated output files.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" contact-name' -l 'contact-name' -d 'Who to ask about this feed.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" contact-email' -l 'contact-email' -d 'Their e-mail.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'email' -d 'Keep records whose user e-mail contains this (repeatable: any of them).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" email-exact' -l 'email-exact' -d '--email and --not-email match whole addresses.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'not-email' -d 'Drop records whose user e-mail contains this (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'app' -d 'Keep this application: its uid or domain (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" allowed' -l 'allowed' -d 'Keep allowed requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" denied' -l 'denied' -d 'Keep denied requests only.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'country' -d 'Keep requests from this country, ISO 3166 code (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'not-country' -d 'Drop requests from this country (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'ray-id' -d 'Keep the request with this Ray ID (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'idp' -d 'Keep logins through this identity provider, e.g. okta (repeatable).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update"' -l 'profile' -d 'Add an OCSF profile (repeatable).' -rfka 'security_control datetime'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" raw-data' -l 'raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" no-raw-data' -l 'no-raw-data' -d 'Copy each record\'s own text into raw_data.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" no-filter' -l 'no-filter' -d 'Deliver every record again from the checkpoint on (drops the saved filters).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" no-profile' -l 'no-profile' -d 'Drop the saved OCSF profiles.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" no-check' -l 'no-check' -d 'Save without running check-scopes.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" base-url' -l 'base-url' -d 'API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed update" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed list" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed list" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed show" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed show -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed show" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed show" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed status" -ge 1' -fka '(__cfaccess_custom_completion ---completion feed status -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed status" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed status" strict' -l 'strict' -d 'A token expiring within 14 days fails the status too.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed status" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed run" -ge 1' -fka '(__cfaccess_custom_completion ---completion feed run -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" all' -l 'all' -d 'Run every saved feed (with --follow, also those created later).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" follow' -l 'follow' -d 'Keep polling until SIGTERM or Ctrl-C; SIGHUP re-reads the feeds at once.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" interval' -l 'interval' -d 'Time between polls of a feed that sets none.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" jobs' -l 'jobs' -d 'Feeds fetched at once.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" metrics-file' -l 'metrics-file' -d 'Write Prometheus metrics here after every cycle.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed verify" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed verify -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed verify" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed verify" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed reset" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed reset -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed reset" since' -l 'since' -d 'The new checkpoint: RFC 3339 or an age.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed reset" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed reset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed test" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed test -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed test" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed test" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess feed delete" -eq 1' -fka '(__cfaccess_custom_completion ---completion feed delete -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed delete" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess feed delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess vault" -eq 1' -fa 'init' -d 'Create the vault (the new passphrase is asked twice).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess vault" -eq 1' -fa 'status' -d 'Show the vault\'s path, permissions, key derivation and entries.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess vault" -eq 1' -fa 'passwd' -d 'Re-encrypt the vault under a new passphrase.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess vault" -eq 1' -fa 'lock' -d 'Forget the vault key in this shell (it also goes after 15 idle minutes).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess vault" -eq 1' -fa 'restore' -d 'Put vault.bak back when the vault does not open (the damaged vault is kept as vault.damaged).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault init" kdf' -l 'kdf' -d 'Argon2id cost: interactive (fast), moderate (about 0.4 s and 256 MiB), sensitive (about 3 s and 1 GiB).' -rfka 'interactive moderate sensitive'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault init" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault status" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault status" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault passwd" new-passphrase-file' -l 'new-passphrase-file' -d 'Read the new passphrase from this file.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault passwd" kdf' -l 'kdf' -d 'Also change the Argon2id cost.' -rfka 'interactive moderate sensitive'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault passwd" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault passwd" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault lock" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault lock" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault restore" force' -l 'force' -d 'Replace a vault that opens, after naming the tokens that would be dropped or rolled back.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault restore" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess vault restore" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'add' -d 'Store a new API token (pasted with echo off, or read from a file or variable).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'list' -d 'List the stored tokens (never their secrets).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'show' -d 'Show one stored token\'s details (never its secret).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'rotate' -d 'Replace a stored token\'s secret, keeping its name.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'remove' -d 'Delete a stored token.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token" -eq 1' -fa 'check-scopes' -d 'Check that a stored token is valid and may read the account\'s Access logs.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token add" from-file' -l 'from-file' -d 'Read the token from this file (\'-\' for stdin).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token add" from-env' -l 'from-env' -d 'Read the token from this environment variable.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token add" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token list" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token list" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token show" -eq 1' -fka '(__cfaccess_custom_completion ---completion token show -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token show" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token show" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token rotate" -eq 1' -fka '(__cfaccess_custom_completion ---completion token rotate -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token rotate" from-file' -l 'from-file' -d 'Read the token from this file (\'-\' for stdin).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token rotate" from-env' -l 'from-env' -d 'Read the token from this environment variable.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token rotate" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token remove" -eq 1' -fka '(__cfaccess_custom_completion ---completion token remove -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token remove" force' -l 'force' -d 'Remove it even while feeds use it (they fail until given another token).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token remove" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess token check-scopes" -eq 1' -fka '(__cfaccess_custom_completion ---completion token check-scopes -- positional@0 (count (__cfaccess_tokens -pc)) (__cfaccess_tokens -tC))'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" account' -l 'account' -d 'Cloudflare account id (32 hex characters; default: the saved account).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" base-url' -l 'base-url' -d 'API base URL (default: $CFACCESS_BASE_URL or https://api.cloudflare.com/client/v4).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess token check-scopes" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'add' -d 'Store an object store\'s endpoint, region and key (the secret key pasted with echo off, or read from a file or variable).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'list' -d 'List the object stores (never their secret keys).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'show' -d 'Show one object store\'s settings (never its secret key).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'rotate' -d 'Replace an object store\'s secret key (and, if given, its access key id, endpoint, region or addressing).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'remove' -d 'Remove an object store and its key from the vault.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess storage" -eq 1' -fa 'check' -d 'Check that a store\'s key signs, the bucket exists, and the key may list, write, read and delete under the prefix.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" endpoint' -l 'endpoint' -d 'The store\'s endpoint, https://HOST[:PORT] (http:// only to a loopback address).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" region' -l 'region' -d 'The region the requests are signed for (default us-east-1).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" access-key-id' -l 'access-key-id' -d 'The access key id (the secret key is asked for, or read with --from-file or --from-env).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" addressing' -l 'addressing' -d 'https://HOST/BUCKET/KEY (path) or https://BUCKET.HOST/KEY (virtual; default, but path for a loopback endpoint).' -rfka 'path virtual'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" from-file' -l 'from-file' -d 'Read the secret access key from this file (\'-\' for stdin).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" from-env' -l 'from-env' -d 'Read the secret access key from this environment variable.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage add" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage list" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage list" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage show" json' -l 'json' -d 'Machine-readable output.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage show" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" endpoint' -l 'endpoint' -d 'The store\'s endpoint, https://HOST[:PORT] (http:// only to a loopback address).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" region' -l 'region' -d 'The region the requests are signed for (default us-east-1).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" access-key-id' -l 'access-key-id' -d 'The access key id (the secret key is asked for, or read with --from-file or --from-env).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" addressing' -l 'addressing' -d 'https://HOST/BUCKET/KEY (path) or https://BUCKET.HOST/KEY (virtual; default, but path for a loopback endpoint).' -rfka 'path virtual'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" from-file' -l 'from-file' -d 'Read the secret access key from this file (\'-\' for stdin).' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" from-env' -l 'from-env' -d 'Read the secret access key from this environment variable.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage rotate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage remove" force' -l 'force' -d 'Remove it even though feeds deliver to it (they fail until given another).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage remove" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage check" bucket' -l 'bucket' -d 'The bucket feeds will write to.' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage check" prefix' -l 'prefix' -d 'The key prefix they write under (default: none).' -rfka ''
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage check" ca-file' -l 'ca-file' -d 'Trust this CA bundle (PEM) as well.' -rF
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage check" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess storage check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess version" v verbose' -l 'verbose' -s 'v' -d 'Also show the versions of the linked C libraries.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess version" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess version" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess config" -eq 1' -fka 'set get unset list'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess config" -eq 2' -fka 'account token base-url format'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess config" json' -l 'json' -d 'Machine-readable output (list).'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess config" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_positional "cfaccess completion" -eq 1' -fka 'bash zsh fish'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess completion" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess completion" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess set" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess unset" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess unset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess history" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess exit" version' -l 'version' -d 'Show the version.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess exit" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'cfaccess' -n '__cfaccess_should_offer_completions_for_flags_or_options "cfaccess help" version' -l 'version' -d 'Show the version.'
