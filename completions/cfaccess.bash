#!/bin/bash

__cfaccess_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__cfaccess_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__cfaccess_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__cfaccess_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_cfaccess() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    map|logs|feed|vault|token|storage|version|config|completion|set|unset|history|exit|help)
        # Offer subcommand argument completions
        "_cfaccess_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'map logs feed vault token storage version config completion set unset history exit help' -- "${cur}"))
        ;;
    esac
}

_cfaccess_map() {
    repeating_flags=()
    non_repeating_flags=(--raw-data --no-raw-data --strict --version -h --help)
    repeating_options=(--profile)
    non_repeating_options=(--output -o --from --account --ocsf-version --rejects --jobs)
    __cfaccess_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--output'|'-o')
        __cfaccess_add_completions -f
        return
        ;;
    '--from')
        __cfaccess_add_completions -W 'auto'$'\n''api'$'\n''logpush'
        return
        ;;
    '--account')
        return
        ;;
    '--profile')
        __cfaccess_add_completions -W 'security_control'$'\n''datetime'
        return
        ;;
    '--ocsf-version')
        return
        ;;
    '--rejects')
        __cfaccess_add_completions -f
        return
        ;;
    '--jobs')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __cfaccess_add_completions -f
        return
        ;;
    esac
}

_cfaccess_logs() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    fetch|summary)
        # Offer subcommand argument completions
        "_cfaccess_logs_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'fetch summary' -- "${cur}"))
        ;;
    esac
}

_cfaccess_logs_fetch() {
    repeating_flags=()
    non_repeating_flags=(--email-exact --allowed --denied --raw-data --no-raw-data --version -h --help)
    repeating_options=(--email --not-email --app --country --not-country --ray-id --idp --profile)
    non_repeating_options=(--feed --account --token --since --until --base-url --ca-file --format --output -o --rejects --max-records --page-size)
    __cfaccess_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--feed')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion logs fetch -- --feed "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--account')
        return
        ;;
    '--token')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion logs fetch -- --token "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--base-url')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--format')
        __cfaccess_add_completions -W 'ocsf'$'\n''raw'$'\n''table'
        return
        ;;
    '--output'|'-o')
        __cfaccess_add_completions -f
        return
        ;;
    '--rejects')
        __cfaccess_add_completions -f
        return
        ;;
    '--max-records')
        return
        ;;
    '--page-size')
        return
        ;;
    '--email')
        return
        ;;
    '--not-email')
        return
        ;;
    '--app')
        return
        ;;
    '--country')
        return
        ;;
    '--not-country')
        return
        ;;
    '--ray-id')
        return
        ;;
    '--idp')
        return
        ;;
    '--profile')
        __cfaccess_add_completions -W 'security_control'$'\n''datetime'
        return
        ;;
    esac
}

_cfaccess_logs_summary() {
    repeating_flags=()
    non_repeating_flags=(--json --email-exact --allowed --denied --version -h --help)
    repeating_options=(--by --input --email --not-email --app --country --not-country --ray-id --idp)
    non_repeating_options=(--top --top-each --jobs --feed --account --token --since --until --base-url --ca-file)
    __cfaccess_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--by')
        __cfaccess_add_completions -W 'user'$'\n''app'$'\n''country'$'\n''ip'$'\n''idp'$'\n''action'$'\n''allowed'$'\n''hour'
        return
        ;;
    '--top')
        return
        ;;
    '--top-each')
        return
        ;;
    '--input')
        __cfaccess_add_completions -f
        return
        ;;
    '--jobs')
        return
        ;;
    '--feed')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion logs summary -- --feed "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--account')
        return
        ;;
    '--token')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion logs summary -- --token "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--base-url')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--email')
        return
        ;;
    '--not-email')
        return
        ;;
    '--app')
        return
        ;;
    '--country')
        return
        ;;
    '--not-country')
        return
        ;;
    '--ray-id')
        return
        ;;
    '--idp')
        return
        ;;
    esac
}

_cfaccess_feed() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|update|list|show|status|run|verify|reset|test|delete)
        # Offer subcommand argument completions
        "_cfaccess_feed_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create update list show status run verify reset test delete' -- "${cur}"))
        ;;
    esac
}

_cfaccess_feed_create() {
    repeating_flags=()
    non_repeating_flags=(--shared --compress --no-compress --email-exact --allowed --denied --raw-data --no-raw-data --no-check --version -h --help)
    repeating_options=(--email --not-email --app --country --not-country --ray-id --idp --profile)
    non_repeating_options=(--account --token --start --events --output --storage --spool-max --lease --format --rejects --lookback --interval --rotate-size --rotate-interval --contact-name --contact-email --base-url --ca-file)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--account')
        return
        ;;
    '--token')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed create -- --token "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--start')
        return
        ;;
    '--events')
        return
        ;;
    '--output')
        __cfaccess_add_completions -f
        return
        ;;
    '--storage')
        return
        ;;
    '--spool-max')
        return
        ;;
    '--lease')
        return
        ;;
    '--format')
        __cfaccess_add_completions -W 'ocsf'$'\n''raw'
        return
        ;;
    '--rejects')
        __cfaccess_add_completions -f
        return
        ;;
    '--lookback')
        return
        ;;
    '--interval')
        return
        ;;
    '--rotate-size')
        return
        ;;
    '--rotate-interval')
        return
        ;;
    '--contact-name')
        return
        ;;
    '--contact-email')
        return
        ;;
    '--email')
        return
        ;;
    '--not-email')
        return
        ;;
    '--app')
        return
        ;;
    '--country')
        return
        ;;
    '--not-country')
        return
        ;;
    '--ray-id')
        return
        ;;
    '--idp')
        return
        ;;
    '--profile')
        __cfaccess_add_completions -W 'security_control'$'\n''datetime'
        return
        ;;
    '--base-url')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    esac
}

_cfaccess_feed_update() {
    repeating_flags=()
    non_repeating_flags=(--shared --compress --no-compress --email-exact --allowed --denied --raw-data --no-raw-data --no-filter --no-profile --no-check --version -h --help)
    repeating_options=(--email --not-email --app --country --not-country --ray-id --idp --profile)
    non_repeating_options=(--account --token --events --output --storage --spool-max --lease --format --rejects --lookback --interval --rotate-size --rotate-interval --contact-name --contact-email --base-url --ca-file)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--account')
        return
        ;;
    '--token')
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed update -- --token "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    '--events')
        return
        ;;
    '--output')
        __cfaccess_add_completions -f
        return
        ;;
    '--storage')
        return
        ;;
    '--spool-max')
        return
        ;;
    '--lease')
        return
        ;;
    '--format')
        __cfaccess_add_completions -W 'ocsf'$'\n''raw'
        return
        ;;
    '--rejects')
        __cfaccess_add_completions -f
        return
        ;;
    '--lookback')
        return
        ;;
    '--interval')
        return
        ;;
    '--rotate-size')
        return
        ;;
    '--rotate-interval')
        return
        ;;
    '--contact-name')
        return
        ;;
    '--contact-email')
        return
        ;;
    '--email')
        return
        ;;
    '--not-email')
        return
        ;;
    '--app')
        return
        ;;
    '--country')
        return
        ;;
    '--not-country')
        return
        ;;
    '--ray-id')
        return
        ;;
    '--idp')
        return
        ;;
    '--profile')
        __cfaccess_add_completions -W 'security_control'$'\n''datetime'
        return
        ;;
    '--base-url')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed update -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_feed_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed show -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_status() {
    repeating_flags=()
    non_repeating_flags=(--json --strict --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options -1

    # Offer positional completions
    case "${positional_number}" in
    *)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed status -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_run() {
    repeating_flags=()
    non_repeating_flags=(--all --follow --version -h --help)
    repeating_options=()
    non_repeating_options=(--interval --jobs --metrics-file --ca-file)
    __cfaccess_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--interval')
        return
        ;;
    '--jobs')
        return
        ;;
    '--metrics-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed run -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_verify() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed verify -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_reset() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--since)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed reset -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_test() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed test -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_feed_delete() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion feed delete -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_vault() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|status|passwd|lock|restore)
        # Offer subcommand argument completions
        "_cfaccess_vault_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init status passwd lock restore' -- "${cur}"))
        ;;
    esac
}

_cfaccess_vault_init() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--kdf)
    __cfaccess_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kdf')
        __cfaccess_add_completions -W 'interactive'$'\n''moderate'$'\n''sensitive'
        return
        ;;
    esac
}

_cfaccess_vault_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_vault_passwd() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--new-passphrase-file --kdf)
    __cfaccess_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--new-passphrase-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--kdf')
        __cfaccess_add_completions -W 'interactive'$'\n''moderate'$'\n''sensitive'
        return
        ;;
    esac
}

_cfaccess_vault_lock() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_vault_restore() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_token() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|rotate|remove|check-scopes)
        # Offer subcommand argument completions
        "_cfaccess_token_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show rotate remove check-scopes' -- "${cur}"))
        ;;
    esac
}

_cfaccess_token_add() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--from-file --from-env)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--from-env')
        return
        ;;
    esac
}

_cfaccess_token_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_token_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion token show -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_token_rotate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--from-file --from-env)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--from-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--from-env')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion token rotate -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_token_remove() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion token remove -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_token_check-scopes() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--account --base-url --ca-file)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--account')
        return
        ;;
    '--base-url')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W "$(__cfaccess_custom_complete ---completion token check-scopes -- positional@0 "${COMP_CWORD}" "$(__cfaccess_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_cfaccess_storage() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|rotate|remove|check)
        # Offer subcommand argument completions
        "_cfaccess_storage_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show rotate remove check' -- "${cur}"))
        ;;
    esac
}

_cfaccess_storage_add() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--endpoint --region --access-key-id --addressing --from-file --from-env)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--endpoint')
        return
        ;;
    '--region')
        return
        ;;
    '--access-key-id')
        return
        ;;
    '--addressing')
        __cfaccess_add_completions -W 'path'$'\n''virtual'
        return
        ;;
    '--from-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--from-env')
        return
        ;;
    esac
}

_cfaccess_storage_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_storage_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1
}

_cfaccess_storage_rotate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--endpoint --region --access-key-id --addressing --from-file --from-env)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--endpoint')
        return
        ;;
    '--region')
        return
        ;;
    '--access-key-id')
        return
        ;;
    '--addressing')
        __cfaccess_add_completions -W 'path'$'\n''virtual'
        return
        ;;
    '--from-file')
        __cfaccess_add_completions -f
        return
        ;;
    '--from-env')
        return
        ;;
    esac
}

_cfaccess_storage_remove() {
    repeating_flags=()
    non_repeating_flags=(--force --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1
}

_cfaccess_storage_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--bucket --prefix --ca-file)
    __cfaccess_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--bucket')
        return
        ;;
    '--prefix')
        return
        ;;
    '--ca-file')
        __cfaccess_add_completions -f
        return
        ;;
    esac
}

_cfaccess_version() {
    repeating_flags=()
    non_repeating_flags=(--verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_config() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 3

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W 'set'$'\n''get'$'\n''unset'$'\n''list'
        return
        ;;
    2)
        __cfaccess_add_completions -W 'account'$'\n''token'$'\n''base-url'$'\n''format'
        return
        ;;
    esac
}

_cfaccess_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __cfaccess_add_completions -W 'bash'$'\n''zsh'$'\n''fish'
        return
        ;;
    esac
}

_cfaccess_set() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 2
}

_cfaccess_unset() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1
}

_cfaccess_history() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 0
}

_cfaccess_exit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options 1
}

_cfaccess_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __cfaccess_offer_flags_options -1
}

complete -o filenames -F _cfaccess cfaccess
